import { env } from 'cloudflare:workers';
import { vi } from 'vitest';
import { authHeaders, call, withJson, type Auth } from './helpers';

const WEBHOOK_SECRET = (env as unknown as { STRIPE_WEBHOOK_SECRET: string }).STRIPE_WEBHOOK_SECRET;

/** Unix seconds now. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A Stripe-Signature header computed as Stripe does: HMAC-SHA256 of `t.payload`. */
export async function stripeSignature(
  payload: string,
  timestamp = nowSeconds(),
  secret = WEBHOOK_SECRET,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign(
    'HMAC',
    key,
    new TextEncoder().encode(`${timestamp}.${payload}`),
  );
  const hex = Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  );
  return `t=${timestamp},v1=${hex}`;
}

/** Posts a raw body to the webhook with the given signature header (none when null). */
export function postWebhook(payload: string, signature: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['stripe-signature'] = signature;
  return call('/webhooks/stripe', { method: 'POST', headers, body: payload });
}

/** Signs and posts an event now. */
export async function deliver(event: object): Promise<Response> {
  const payload = JSON.stringify(event);
  return postWebhook(payload, await stripeSignature(payload));
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(counter += 1)}`;

/** A customer.subscription.* event in Stripe's format, for a price of the test config. */
export function subscriptionEvent(
  type: 'created' | 'updated' | 'deleted',
  input: {
    customer: string;
    subscription: string;
    created: number;
    status?: string;
    price?: string;
  },
) {
  const status = input.status ?? (type === 'deleted' ? 'canceled' : 'active');
  return {
    id: nextId('evt'),
    object: 'event',
    api_version: '2026-11-18.endive',
    created: input.created,
    type: `customer.subscription.${type}`,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: input.subscription,
        object: 'subscription',
        customer: input.customer,
        status,
        created: input.created,
        items: {
          object: 'list',
          data: [
            {
              id: nextId('si'),
              object: 'subscription_item',
              price: { id: input.price ?? 'price_sim_team', object: 'price' },
              quantity: 1,
            },
          ],
          has_more: false,
        },
        metadata: {},
      },
    },
  };
}

/** An invoice.paid or invoice.payment_failed event in Stripe's format (API 2025-03-31 on). */
export function invoiceEvent(
  type: 'paid' | 'payment_failed',
  input: { customer: string; subscription: string; created: number },
) {
  return {
    id: nextId('evt'),
    object: 'event',
    api_version: '2026-11-18.endive',
    created: input.created,
    type: `invoice.${type}`,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: nextId('in'),
        object: 'invoice',
        customer: input.customer,
        status: type === 'paid' ? 'paid' : 'open',
        parent: {
          type: 'subscription_details',
          subscription_details: { subscription: input.subscription, metadata: {} },
        },
      },
    },
  };
}

export interface StripeCall {
  method: string;
  path: string;
  form: URLSearchParams;
}

/** Answers the gateway's Stripe calls as Stripe does, and records them. */
export function mockStripeApi(): StripeCall[] {
  const calls: StripeCall[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.hostname !== 'stripe.test') return realFetch(input, init);
    const form = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
    calls.push({ method: request.method, path: url.pathname, form });
    return Response.json(stripeAnswer(url.pathname, form));
  });
  return calls;
}

function stripeAnswer(path: string, form: URLSearchParams): object {
  const created = nowSeconds();
  if (path === '/v1/customers') {
    return {
      id: nextId('cus'),
      object: 'customer',
      created,
      email: form.get('email'),
      metadata: {},
    };
  }
  if (path === '/v1/checkout/sessions') {
    const id = nextId('cs_test');
    return {
      id,
      object: 'checkout.session',
      created,
      mode: 'subscription',
      status: 'open',
      customer: form.get('customer'),
      url: `https://checkout.stripe.test/c/pay/${id}`,
    };
  }
  const id = nextId('bps');
  return {
    id,
    object: 'billing_portal.session',
    created,
    customer: form.get('customer'),
    url: `https://billing.stripe.test/p/session/${id}`,
  };
}

/** Goes through checkout once so the workspace has a Stripe customer; returns its id. */
export async function customerOf(owner: Auth): Promise<string> {
  const calls = mockStripeApi();
  const response = await call('/api/v1/billing/checkout', withJson({ plan: 'team' }, owner));
  vi.restoreAllMocks();
  if (response.status !== 201) throw new Error(`checkout answered ${response.status}`);
  const customer = calls
    .find((entry) => entry.path === '/v1/checkout/sessions')
    ?.form.get('customer');
  if (!customer) throw new Error('no customer in the checkout call');
  return customer;
}

/** The workspace's plan as the API reports it. */
export async function planOf(
  auth: Auth,
): Promise<{ plan: string; subscription: { plan: string; status: string } | null }> {
  return (await call('/api/v1/billing', { headers: authHeaders(auth) })).json();
}

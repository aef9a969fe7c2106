import type { IncomingHttpHeaders } from 'node:http';
import { decodeStripeForm, formText, type FormObject } from './form-body';
import { toJsonText, type JsonValue } from './json-text';
import {
  bearerToken,
  jsonResponse,
  singleHeader,
  type AuthOutcome,
  type FailureKind,
  type ProviderDialect,
  type ProviderRequest,
  type SimResponse,
} from './provider';
import {
  SIMULATED_PRICES,
  stripeId,
  unixNow,
  type StripeObject,
  type StripeState,
} from './stripe-state';

/** Where the simulator's own pages for Stripe live (checkout, portal, event log). */
export const STRIPE_SIM_PREFIX = '/_sim/stripe/';

/** Paths of Stripe's API that the simulator plays. */
export function isStripePath(path: string): boolean {
  return ['/v1/customers', '/v1/checkout/sessions', '/v1/billing_portal/sessions'].includes(path);
}

function stripeError(status: number, error: Record<string, JsonValue>): SimResponse {
  return jsonResponse(status, toJsonText({ error }), { 'request-id': stripeId('req', 14) });
}

const FAILURES: Record<FailureKind, [number, string, string]> = {
  unauthenticated: [401, 'invalid_request_error', 'Invalid API Key provided.'],
  forbidden: [
    403,
    'invalid_request_error',
    'The provided key does not have access to this resource.',
  ],
  rate_limited: [429, 'invalid_request_error', 'Request rate limit exceeded.'],
  server_error: [500, 'api_error', 'An unknown error occurred.'],
  not_found: [404, 'invalid_request_error', 'Unrecognized request URL.'],
  invalid_request: [400, 'invalid_request_error', 'Invalid request.'],
};

function stripeFailure(kind: FailureKind, message?: string, param?: string): SimResponse {
  const [status, type, defaultMessage] = FAILURES[kind];
  return stripeError(status, {
    type,
    message: message ?? defaultMessage,
    ...(param ? { param } : {}),
  });
}

function missing(param: string, what: string, id: string): SimResponse {
  return stripeError(400, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${what}: '${id}'`,
  });
}

function authenticate(headers: IncomingHttpHeaders): AuthOutcome {
  const key = bearerToken(headers);
  if (key === null) {
    const message =
      'You did not provide an API key. You need to provide your API key in the Authorization ' +
      "header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";
    return { ok: false, response: stripeError(401, { type: 'invalid_request_error', message }) };
  }
  if (!/^(sk|rk)_test_\w+$/.test(key)) {
    const message = `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`;
    return { ok: false, response: stripeError(401, { type: 'invalid_request_error', message }) };
  }
  return { ok: true, caller: { org: null, mode: null } };
}

function newCustomer(form: FormObject): StripeObject {
  return {
    id: stripeId('cus', 14),
    object: 'customer',
    created: unixNow(),
    email: formText(form, 'email'),
    name: formText(form, 'name'),
    metadata: metadataOf(form),
    livemode: false,
    delinquent: false,
    invoice_prefix: stripeId('in', 8).slice(3).toUpperCase(),
  };
}

function metadataOf(form: FormObject, ...path: string[]): StripeObject {
  let node: unknown = form;
  for (const key of [...path, 'metadata'])
    node = (node as Record<string, unknown> | undefined)?.[key];
  if (!node || typeof node !== 'object' || Array.isArray(node)) return {};
  return Object.fromEntries(Object.entries(node).filter(([, value]) => typeof value === 'string'));
}

function createCheckoutSession(form: FormObject, state: StripeState, origin: string): SimResponse {
  const mode = formText(form, 'mode');
  if (mode !== 'subscription') {
    return stripeFailure('invalid_request', 'The simulator only plays mode=subscription.', 'mode');
  }
  const customer = formText(form, 'customer') ?? '';
  if (!state.customers.has(customer)) return missing('customer', 'customer', customer);
  const price = formText(form, 'line_items', '0', 'price') ?? '';
  const sold = SIMULATED_PRICES[price];
  if (!sold) return missing('line_items[0][price]', 'price', price);

  const id = stripeId('cs_test', 58);
  const created = unixNow();
  const object: StripeObject = {
    id,
    object: 'checkout.session',
    created,
    expires_at: created + 24 * 3600,
    mode: 'subscription',
    status: 'open',
    payment_status: 'unpaid',
    customer,
    client_reference_id: formText(form, 'client_reference_id'),
    currency: 'usd',
    amount_total: sold.unitAmount,
    success_url: formText(form, 'success_url'),
    cancel_url: formText(form, 'cancel_url'),
    subscription: null,
    metadata: metadataOf(form),
    livemode: false,
    url: `${origin}${STRIPE_SIM_PREFIX}checkout/${id}`,
  };
  state.sessions.set(id, {
    id,
    customer,
    price,
    successUrl: formText(form, 'success_url'),
    metadata: metadataOf(form, 'subscription_data'),
    object,
  });
  return jsonResponse(200, toJsonText(object));
}

function createPortalSession(form: FormObject, state: StripeState, origin: string): SimResponse {
  const customer = formText(form, 'customer') ?? '';
  if (!state.customers.has(customer)) return missing('customer', 'customer', customer);
  const id = stripeId('bps');
  const returnUrl = formText(form, 'return_url');
  state.portalSessions.set(id, { customer, returnUrl });
  return jsonResponse(
    200,
    toJsonText({
      id,
      object: 'billing_portal.session',
      configuration: 'bpc_simulated',
      created: unixNow(),
      customer,
      flow: null,
      livemode: false,
      locale: null,
      on_behalf_of: null,
      return_url: returnUrl,
      url: `${origin}${STRIPE_SIM_PREFIX}portal/${id}`,
    }),
  );
}

async function route(request: ProviderRequest, state: StripeState): Promise<SimResponse> {
  if (request.method !== 'POST' || !isStripePath(request.path)) {
    const message = `Unrecognized request URL (${request.method}: ${request.path}).`;
    return stripeFailure('not_found', message);
  }
  const text = await request.readBody();
  if (text === null) return stripeFailure('invalid_request', 'Request body too large.');
  const form = decodeStripeForm(text);
  const origin = `http://${singleHeader(request.headers, 'host') ?? '127.0.0.1'}`;
  if (request.path === '/v1/checkout/sessions') return createCheckoutSession(form, state, origin);
  if (request.path === '/v1/billing_portal/sessions')
    return createPortalSession(form, state, origin);
  return createCustomerOnce(request, form, state);
}

// Stripe answers a repeated Idempotency-Key with the first answer; only customers need it here.
function createCustomerOnce(
  request: ProviderRequest,
  form: FormObject,
  state: StripeState,
): SimResponse {
  const key = singleHeader(request.headers, 'idempotency-key');
  const scoped = key ? `${request.credentialFingerprint ?? ''}:${key}` : null;
  const earlier = scoped ? state.idempotent.get(scoped) : undefined;
  if (earlier) return jsonResponse(200, earlier, { 'idempotent-replayed': 'true' });

  const customer = newCustomer(form);
  state.customers.set(String(customer.id), customer);
  const body = toJsonText(customer);
  if (scoped) state.idempotent.set(scoped, body);
  return jsonResponse(200, body);
}

/** Stripe's API for the calls Stax makes: customers, Checkout Sessions, portal sessions. */
export function createStripeDialect(state: StripeState): ProviderDialect {
  return {
    name: 'stripe',
    credential: bearerToken,
    authenticate,
    failure: stripeFailure,
    handle: (request) => route(request, state),
  };
}

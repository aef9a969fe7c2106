import { createHmac } from 'node:crypto';
import { toJsonText } from './json-text';
import {
  SIMULATED_PRICES,
  STRIPE_API_VERSION,
  stripeId,
  unixNow,
  type Delivery,
  type StripeObject,
  type StripeState,
} from './stripe-state';

/** Where the simulated Stripe sends its webhooks, and the endpoint's signing secret. */
export interface StripeWebhookTarget {
  readonly url: string;
  readonly secret: string;
}

/** The Stripe-Signature header of a payload: `t=<unix>,v1=<HMAC-SHA256(secret, "t.payload")>`. */
export function stripeSignatureHeader(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/** An event envelope around an object, as Stripe writes it. */
export function stripeEvent(type: string, object: StripeObject): StripeObject {
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created: unixNow(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** A subscription object in the shape of Stripe's API since 2025-03-31 (periods on items). */
export function subscriptionObject(input: {
  id: string;
  customer: string;
  price: string;
  status: string;
  metadata: StripeObject;
}): StripeObject {
  const now = unixNow();
  const sold = SIMULATED_PRICES[input.price];
  const periodEnd = now + 30 * 24 * 3600;
  const price: StripeObject = {
    id: input.price,
    object: 'price',
    currency: 'usd',
    unit_amount: sold?.unitAmount ?? 0,
    product: sold?.product ?? 'prod_unknown',
    recurring: { interval: 'month', interval_count: 1 },
    type: 'recurring',
  };
  const item: StripeObject = {
    id: stripeId('si', 14),
    object: 'subscription_item',
    price,
    quantity: 1,
    subscription: input.id,
    current_period_start: now,
    current_period_end: periodEnd,
  };
  return {
    id: input.id,
    object: 'subscription',
    customer: input.customer,
    status: input.status,
    created: now,
    start_date: now,
    cancel_at_period_end: false,
    canceled_at: input.status === 'canceled' ? now : null,
    ended_at: input.status === 'canceled' ? now : null,
    currency: 'usd',
    items: {
      object: 'list',
      data: [item],
      has_more: false,
      url: `/v1/subscription_items?subscription=${input.id}`,
    },
    metadata: input.metadata,
    livemode: false,
  };
}

/** An invoice of a subscription, in the shape of Stripe's API since 2025-03-31 (`parent`). */
export function invoiceObject(subscription: StripeObject, paid: boolean): StripeObject {
  const amount = SIMULATED_PRICES[priceOf(subscription)]?.unitAmount ?? 0;
  return {
    id: stripeId('in'),
    object: 'invoice',
    customer: subscription.customer ?? null,
    status: paid ? 'paid' : 'open',
    currency: 'usd',
    amount_due: amount,
    amount_paid: paid ? amount : 0,
    amount_remaining: paid ? 0 : amount,
    attempted: true,
    billing_reason: 'subscription_cycle',
    created: unixNow(),
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { subscription: subscription.id ?? null, metadata: {} },
    },
    livemode: false,
  };
}

/** The price id of a subscription's first item. */
export function priceOf(subscription: StripeObject): string {
  const items = subscription.items as { data?: Array<{ price?: { id?: string } }> } | undefined;
  return items?.data?.[0]?.price?.id ?? '';
}

/** Signs and posts each event in turn, recording what the endpoint answered. */
export async function deliverEvents(
  events: StripeObject[],
  target: StripeWebhookTarget | undefined,
  state: StripeState,
): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (const event of events) {
    const status = target ? await post(event, target) : null;
    deliveries.push({ eventId: String(event.id), type: String(event.type), status });
  }
  state.deliveries.push(...deliveries);
  return deliveries;
}

async function post(event: StripeObject, target: StripeWebhookTarget): Promise<number | null> {
  const payload = toJsonText(event);
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    'stripe-signature': stripeSignatureHeader(payload, target.secret, unixNow()),
  };
  try {
    const response = await fetch(target.url, { method: 'POST', headers, body: payload });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

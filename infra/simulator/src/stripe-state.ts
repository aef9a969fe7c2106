import { randomBytes } from 'node:crypto';
import type { JsonValue } from './json-text';

/** The prices the simulated Stripe account sells: Stax's Team and Business plans. */
export const SIMULATED_PRICES: Readonly<Record<string, { unitAmount: number; product: string }>> = {
  price_sim_team: { unitAmount: 4900, product: 'prod_sim_team' },
  price_sim_business: { unitAmount: 19900, product: 'prod_sim_business' },
};

/** The API version the simulator writes into events, as Stripe does for the endpoint. */
export const STRIPE_API_VERSION = '2026-11-18.endive';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Stripe-looking id: prefix and random alphanumerics. */
export function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  const body = Array.from(bytes, (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
  return `${prefix}_${body}`;
}

/** Unix seconds now. */
export const unixNow = (): number => Math.floor(Date.now() / 1000);

export type StripeObject = { [key: string]: JsonValue };

export interface CheckoutSession {
  readonly id: string;
  readonly customer: string;
  readonly price: string;
  readonly successUrl: string | null;
  readonly metadata: StripeObject;
  object: StripeObject;
}

/** One webhook delivery attempt, as `GET /_sim/stripe/events` lists it. */
export interface Delivery {
  readonly eventId: string;
  readonly type: string;
  readonly status: number | null;
}

/** What the simulated Stripe account holds; one per simulator instance. */
export class StripeState {
  readonly customers = new Map<string, StripeObject>();
  readonly sessions = new Map<string, CheckoutSession>();
  readonly subscriptions = new Map<string, StripeObject>();
  readonly portalSessions = new Map<string, { customer: string; returnUrl: string | null }>();
  /** Idempotency-Key → the answer first given, per API key fingerprint. */
  readonly idempotent = new Map<string, string>();
  readonly deliveries: Delivery[] = [];
}

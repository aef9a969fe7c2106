import Stripe from 'stripe';
import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';
import type { Env } from '../env';
import type { PaidPlanId, PlanId } from './plans';

// The fetch client and Web Crypto run in workerd; the SDK's Node defaults do not.
const httpClient = Stripe.createFetchHttpClient((input, init) => fetch(input, init));

/** A Stripe client whose base URL is configuration (the simulator's locally). */
export function createStripe(env: Env): Stripe {
  const base = new URL(env.STRIPE_API_URL);
  const protocol = base.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(env.STRIPE_SECRET_KEY, {
    httpClient,
    host: base.hostname,
    port: base.port || (protocol === 'http' ? 80 : 443),
    protocol,
    maxNetworkRetries: 1,
    telemetry: false,
  });
}

/** Web Crypto for verifying webhook signatures inside a Worker. */
export const stripeCrypto = Stripe.createSubtleCryptoProvider();

/** The Stripe price of a paid plan, from configuration. */
export function priceOf(env: Env, plan: PaidPlanId): string {
  return plan === 'team' ? env.STRIPE_PRICE_TEAM : env.STRIPE_PRICE_BUSINESS;
}

/** The plan a Stripe price stands for; null for a price Stax does not sell. */
export function planOfPrice(env: Env, priceId: string): PlanId | null {
  if (priceId === env.STRIPE_PRICE_TEAM) return 'team';
  if (priceId === env.STRIPE_PRICE_BUSINESS) return 'business';
  return null;
}

/** Runs a Stripe call; a failure becomes a 502 for the user and its code goes to the log. */
export async function callStripe<T>(
  app: AppContext,
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code =
      error instanceof Stripe.errors.StripeError ? (error.code ?? error.type) : 'network';
    app.log.warn('stripe call failed', { what, code });
    throw new ApiError('upstream_error', {
      title: 'Stripe did not answer. Try again in a minute.',
    });
  }
}

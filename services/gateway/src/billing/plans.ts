import type { PlanId } from '@stax/db';

export type { PlanId };

/** What a plan allows. A limit is a count of live things in one workspace. */
export interface PlanLimits {
  connections: number;
  members: number;
}

export type LimitName = keyof PlanLimits;

export interface Plan {
  id: PlanId;
  name: string;
  /** The price per month in US cents as Stripe bills it; 0 for Free. */
  monthlyPriceCents: number;
  limits: PlanLimits;
}

/** Stax's plans, cheapest first. Prices live in Stripe; these are what the API enforces. */
export const PLANS: Readonly<Record<PlanId, Plan>> = {
  free: { id: 'free', name: 'Free', monthlyPriceCents: 0, limits: { connections: 2, members: 1 } },
  team: {
    id: 'team',
    name: 'Team',
    monthlyPriceCents: 4900,
    limits: { connections: 10, members: 10 },
  },
  business: {
    id: 'business',
    name: 'Business',
    monthlyPriceCents: 19900,
    limits: { connections: 50, members: 100 },
  },
};

export const PAID_PLAN_IDS = ['team', 'business'] as const;
export type PaidPlanId = (typeof PAID_PLAN_IDS)[number];

// past_due keeps the paid limits while Stripe retries the card (the owners are emailed);
// when Stripe gives up it sends `unpaid` or `canceled`, and the workspace is back on Free.
const STATUSES_WITH_PAID_LIMITS = new Set(['active', 'trialing', 'past_due']);

/** The plan whose limits apply, given the subscribed plan and Stripe's subscription status. */
export function effectivePlan(plan: PlanId, status: string): Plan {
  return STATUSES_WITH_PAID_LIMITS.has(status) ? PLANS[plan] : PLANS.free;
}

/** The cheapest plan that allows more than `count` of a limit, if any. */
export function planAbove(limit: LimitName, count: number): Plan | null {
  return Object.values(PLANS).find((plan) => plan.limits[limit] > count) ?? null;
}

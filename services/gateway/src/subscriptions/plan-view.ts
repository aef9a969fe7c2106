import { nextRenewal, toPlanInput, type SubscriptionPlan } from '@stax/providers';

/** A plan as the API shows it: the price as decimal text, and the next renewal day. */
export function toPlanView(plan: SubscriptionPlan, today: string) {
  return { ...toPlanInput(plan), nextRenewalDate: nextRenewal(plan, today) };
}

import { z } from 'zod';
import type { Env } from '../env';
import type { PlanId } from './plans';
import { planOfPrice } from './stripe-client';

/** The parts of a Stripe event Stax reads; the rest of Stripe's object is ignored. */
export const StripeEventSchema = z.object({
  id: z.string().regex(/^evt_\w{1,250}$/),
  type: z.string().min(1).max(100),
  created: z.number().int().positive(),
  data: z.object({ object: z.unknown() }),
});
export type StripeEvent = z.infer<typeof StripeEventSchema>;

const SubscriptionSchema = z.object({
  id: z.string().startsWith('sub_'),
  customer: z.string().startsWith('cus_'),
  status: z.string().min(1).max(40),
  items: z.object({
    data: z.array(z.object({ price: z.object({ id: z.string() }) })).min(1),
  }),
});

// Since API version 2025-03-31 the subscription of an invoice sits under parent.
const InvoiceSchema = z.object({
  id: z.string().startsWith('in_'),
  customer: z.string().startsWith('cus_'),
  parent: z
    .object({
      subscription_details: z.object({ subscription: z.string() }).nullish(),
    })
    .nullish(),
});

/** What an event does to a workspace's billing state; `ignore` records it and does nothing. */
export type BillingChange =
  | { kind: 'ignore'; reason: string }
  | {
      kind: 'subscription';
      customerId: string;
      subscriptionId: string;
      plan: PlanId;
      status: string;
    }
  | {
      kind: 'invoice';
      customerId: string;
      subscriptionId: string;
      status: 'active' | 'past_due';
      paymentFailed: boolean;
    };

const SUBSCRIPTION_EVENTS = new Set([
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
]);

/** Reads an event into the change it asks for. A malformed object of a known type throws. */
export function billingChangeOf(event: StripeEvent, env: Env): BillingChange {
  if (SUBSCRIPTION_EVENTS.has(event.type)) return subscriptionChange(event, env);
  if (event.type === 'invoice.paid') return invoiceChange(event, 'active');
  if (event.type === 'invoice.payment_failed') return invoiceChange(event, 'past_due');
  return { kind: 'ignore', reason: 'event type not used' };
}

function subscriptionChange(event: StripeEvent, env: Env): BillingChange {
  const subscription = SubscriptionSchema.parse(event.data.object);
  const deleted = event.type === 'customer.subscription.deleted';
  const priceId = subscription.items.data[0]?.price.id ?? '';
  const plan = deleted ? 'free' : planOfPrice(env, priceId);
  if (!plan) return { kind: 'ignore', reason: 'price not sold by Stax' };
  return {
    kind: 'subscription',
    customerId: subscription.customer,
    subscriptionId: subscription.id,
    plan,
    // A deleted subscription says `canceled`; take it from the event type all the same.
    status: deleted ? 'canceled' : subscription.status,
  };
}

function invoiceChange(event: StripeEvent, status: 'active' | 'past_due'): BillingChange {
  const invoice = InvoiceSchema.parse(event.data.object);
  const subscriptionId = invoice.parent?.subscription_details?.subscription ?? null;
  if (!subscriptionId) return { kind: 'ignore', reason: 'invoice without a subscription' };
  return {
    kind: 'invoice',
    customerId: invoice.customer,
    subscriptionId,
    status,
    paymentFailed: status === 'past_due',
  };
}

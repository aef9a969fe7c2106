import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { ApiError, parseWith, readJsonBody } from '@stax/http';
import type { AppContext } from '../app-context';
import { authenticate, requireRole } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { json } from '../http/respond';
import { findBillingAccount, hasLiveSubscription, saveCustomer } from './billing.store';
import { effectivePlan, PAID_PLAN_IDS, PLANS } from './plans';
import { callStripe, createStripe, priceOf } from './stripe-client';

const CheckoutSchema = z.strictObject({ plan: z.enum(PAID_PLAN_IDS) });

/** GET /api/v1/billing: the workspace's plan, its limits and Stripe's subscription status. */
export async function billingStatus(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const account = await findBillingAccount(app, principal.workspaceId);
  const plan = account ? effectivePlan(account.plan, account.status) : PLANS.free;

  return json({
    plan: plan.id,
    limits: plan.limits,
    subscription: account?.stripe_subscription_id
      ? { plan: account.plan, status: account.status }
      : null,
  });
}

/** POST /api/v1/billing/checkout {"plan"}: a Stripe Checkout Session to subscribe (owner). */
export async function checkout(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'owner');
  const { plan } = parseWith(CheckoutSchema, await readJsonBody(request, 1024));

  const account = await findBillingAccount(app, principal.workspaceId);
  if (hasLiveSubscription(account)) throw alreadySubscribed();
  const customer = account?.stripe_customer_id ?? (await createCustomer(app, principal));
  const stripe = createStripe(app.env);
  const session = await callStripe(app, 'checkout.sessions.create', () =>
    stripe.checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: principal.workspaceId,
      line_items: [{ price: priceOf(app.env, plan), quantity: 1 }],
      subscription_data: { metadata: { workspace_id: principal.workspaceId } },
      success_url: new URL('/?billing=success', app.env.APP_URL).toString(),
      cancel_url: new URL('/?billing=cancelled', app.env.APP_URL).toString(),
    }),
  );

  return json({ id: session.id, url: session.url }, 201);
}

/** POST /api/v1/billing/portal: Stripe's customer portal to manage the subscription (owner). */
export async function portal(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'owner');

  const account = await findBillingAccount(app, principal.workspaceId);
  if (!account) throw noCustomerYet();
  const stripe = createStripe(app.env);
  const session = await callStripe(app, 'billingPortal.sessions.create', () =>
    stripe.billingPortal.sessions.create({
      customer: account.stripe_customer_id,
      return_url: new URL('/', app.env.APP_URL).toString(),
    }),
  );

  return json({ url: session.url }, 201);
}

async function createCustomer(app: AppContext, principal: Principal): Promise<string> {
  const email = principal.userId ? await emailOf(app, principal.userId) : undefined;
  const stripe = createStripe(app.env);
  const customer = await callStripe(app, 'customers.create', () =>
    stripe.customers.create(
      { email, metadata: { workspace_id: principal.workspaceId } },
      // A retried request for the same workspace creates one customer, not two.
      { idempotencyKey: `customer/${principal.workspaceId}` },
    ),
  );
  return saveCustomer(app, principal.workspaceId, customer.id);
}

async function emailOf(app: AppContext, userId: string): Promise<string | undefined> {
  const user = await app.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirst();
  return user?.email;
}

function alreadySubscribed(): ApiError {
  return new ApiError('conflict', {
    title: 'This workspace already has a subscription.',
    detail: 'Change or cancel it in the customer portal: POST /api/v1/billing/portal.',
  });
}

function noCustomerYet(): ApiError {
  return new ApiError('conflict', {
    title: 'This workspace has no subscription to manage yet.',
    detail: 'Subscribe first: POST /api/v1/billing/checkout {"plan":"team"}.',
  });
}

import type { BillingAccountsTable } from '@stax/db';
import type { Selectable } from 'kysely';
import type { AppContext } from '../app-context';
import { effectivePlan, PLANS, type Plan } from './plans';

export type BillingAccountRow = Selectable<BillingAccountsTable>;

/** The workspace's billing row, or null while it never went to checkout (Free). */
export async function findBillingAccount(
  app: AppContext,
  workspaceId: string,
): Promise<BillingAccountRow | null> {
  const row = await app.db
    .selectFrom('billing_accounts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row ?? null;
}

/** The plan whose limits apply to a workspace now. */
export async function currentPlan(app: AppContext, workspaceId: string): Promise<Plan> {
  const account = await findBillingAccount(app, workspaceId);
  return account ? effectivePlan(account.plan, account.status) : PLANS.free;
}

/**
 * Records the workspace's Stripe customer. If a concurrent checkout recorded one first, that
 * one stays and is returned (the other customer is left unused in Stripe).
 */
export async function saveCustomer(
  app: AppContext,
  workspaceId: string,
  customerId: string,
): Promise<string> {
  const now = app.now().toISOString();
  await app.db
    .insertInto('billing_accounts')
    .values({
      workspace_id: workspaceId,
      stripe_customer_id: customerId,
      stripe_subscription_id: null,
      plan_event_created: null,
      status_event_created: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.column('workspace_id').doNothing())
    .execute();
  const saved = await findBillingAccount(app, workspaceId);
  if (!saved) throw new Error('billing account vanished after insert');
  return saved.stripe_customer_id;
}

/** Whether the workspace has a subscription Stripe still bills (so checkout is not the way). */
export function hasLiveSubscription(account: BillingAccountRow | null): boolean {
  if (!account?.stripe_subscription_id) return false;
  return !['canceled', 'incomplete_expired', 'none'].includes(account.status);
}

import {
  periodOf,
  periodsBetween,
  subscriptionCharge,
  type SubscriptionPlan,
} from '@stax/providers';
import { compileBatch } from '@stax/db';
import type { AppContext } from '../app-context';
import { ingestCharges, type RecordTarget } from '../connections/aggregator-ingest';
import { chargedPeriodStarts, planColumns } from './plan.store';

/**
 * Writes a subscription's charges: one per billing period, from the period that holds the
 * connection's creation day to the current one. A period already charged keeps its charge
 * (it was billed under the plan of its time); the current one always follows the plan.
 * Returns how many periods were written.
 */
export async function refreshSubscriptionCharges(
  app: AppContext,
  target: RecordTarget,
  plan: SubscriptionPlan,
  createdAt: string,
): Promise<number> {
  const today = app.now().toISOString().slice(0, 10);
  const current = periodOf(plan, today);
  const charged = await chargedPeriodStarts(app, target.workspaceId, target.connectionId);
  const due = periodsBetween(plan, createdAt.slice(0, 10), today).filter(
    (period) => period.start === current.start || !charged.has(period.start),
  );
  await ingestCharges(
    app,
    target,
    due.map((period) => subscriptionCharge(plan, target.provider, period)),
  );
  return due.length;
}

/**
 * Saves a changed plan. If the current period now starts on another day (a new renewal day
 * or cycle), the charge of the period as it was is removed with it, in one batch, so that
 * the period is not charged twice.
 */
export async function savePlan(
  app: AppContext,
  target: RecordTarget,
  before: SubscriptionPlan,
  after: SubscriptionPlan,
): Promise<void> {
  const today = app.now().toISOString().slice(0, 10);
  const stale = periodOf(before, today).start;
  const keep = periodOf(after, today).start;
  const updatePlan = app.db
    .updateTable('subscription_plans')
    .set({ ...planColumns(after), updated_at: app.now().toISOString() })
    .where('workspace_id', '=', target.workspaceId)
    .where('connection_id', '=', target.connectionId);
  const dropStaleCharge = app.db
    .deleteFrom('cost_records')
    .where('workspace_id', '=', target.workspaceId)
    .where('connection_id', '=', target.connectionId)
    .where('record_key', '=', `subscription|${stale}`);
  await compileBatch(app.env.DB, stale === keep ? [updatePlan] : [updatePlan, dropStaleCharge]);
}

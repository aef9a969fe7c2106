import type { SubscriptionPlansTable } from '@stax/db';
import type { SubscriptionPlan } from '@stax/providers';
import type { Selectable } from 'kysely';
import type { AppContext } from '../app-context';

type PlanRow = Selectable<SubscriptionPlansTable>;

/** A plan row as the domain reads it. */
export function toPlan(row: PlanRow): SubscriptionPlan {
  return {
    seats: row.seats,
    pricePerSeatMicros: row.price_per_seat_micros,
    currency: row.currency,
    billingCycle: row.billing_cycle,
    renewalDate: row.renewal_date,
  };
}

/** The columns of a plan, for an insert or an update. */
export function planColumns(plan: SubscriptionPlan) {
  return {
    seats: plan.seats,
    price_per_seat_micros: plan.pricePerSeatMicros,
    currency: plan.currency,
    billing_cycle: plan.billingCycle,
    renewal_date: plan.renewalDate,
  };
}

/** The plan of a workspace's subscription connection, or null. */
export async function findPlan(
  app: AppContext,
  workspaceId: string,
  connectionId: string,
): Promise<SubscriptionPlan | null> {
  const row = await app.db
    .selectFrom('subscription_plans')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  return row ? toPlan(row) : null;
}

/** The period starts already charged for a subscription connection. */
export async function chargedPeriodStarts(
  app: AppContext,
  workspaceId: string,
  connectionId: string,
): Promise<Set<string>> {
  const rows = await app.db
    .selectFrom('cost_records')
    .select('record_key')
    .where('workspace_id', '=', workspaceId)
    .where('connection_id', '=', connectionId)
    .where('record_key', 'like', 'subscription|%')
    .execute();
  return new Set(rows.map((row) => row.record_key.slice('subscription|'.length)));
}

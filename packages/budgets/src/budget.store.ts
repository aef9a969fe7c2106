import type { StaxDb } from '@stax/db';
import { BudgetSchema, type Budget } from './budget.schema';
import { isKnownTimeZone } from './zoned-time';

/** The calendar a workspace's budgets run on. */
export interface WorkspaceCalendar {
  /** IANA time zone; periods start at midnight here. */
  timeZone: string;
  /** First day of a week, 0 for Sunday to 6 for Saturday. */
  weekStart: number;
}

/** Monday, as ISO 8601 weeks begin. */
export const DEFAULT_WEEK_START = 1;
const FALLBACK_TIME_ZONE = 'UTC';

/** Reads a workspace's calendar; null when there is no such workspace. */
export async function readWorkspaceCalendar(
  db: StaxDb,
  workspaceId: string,
): Promise<WorkspaceCalendar | null> {
  const row = await db
    .selectFrom('workspaces')
    .select(['time_zone', 'week_start'])
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return null;
  // A zone the runtime does not know (stored before it was checked) falls back to UTC
  // rather than leaving the workspace without budgets.
  const timeZone = isKnownTimeZone(row.time_zone) ? row.time_zone : FALLBACK_TIME_ZONE;
  const weekStart =
    Number.isInteger(row.week_start) && row.week_start >= 0 && row.week_start <= 6
      ? row.week_start
      : DEFAULT_WEEK_START;
  return { timeZone, weekStart };
}

/** The budgets of a workspace (or the one named), oldest first, each with its thresholds. */
export async function loadBudgets(
  db: StaxDb,
  workspaceId: string,
  budgetId?: string,
): Promise<Budget[]> {
  let budgetQuery = db.selectFrom('budgets').selectAll().where('workspace_id', '=', workspaceId);
  let thresholdQuery = db
    .selectFrom('budget_thresholds')
    .selectAll()
    .where('workspace_id', '=', workspaceId);
  if (budgetId !== undefined) {
    budgetQuery = budgetQuery.where('id', '=', budgetId);
    thresholdQuery = thresholdQuery.where('budget_id', '=', budgetId);
  }
  const [budgets, thresholds] = await Promise.all([
    budgetQuery.orderBy('created_at').orderBy('id').execute(),
    thresholdQuery.orderBy('percent').orderBy('basis').execute(),
  ]);
  return budgets.map((row) =>
    BudgetSchema.parse({
      id: row.id,
      workspaceId: row.workspace_id,
      name: row.name,
      amountMicros: row.amount_micros,
      currency: row.currency,
      period: { kind: row.period_kind, startDay: row.period_start_day },
      scope: { kind: row.scope_kind, value: row.scope_value },
      thresholds: thresholds
        .filter((threshold) => threshold.budget_id === row.id)
        .map(({ id, percent, basis }) => ({ id, percent, basis })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
  );
}

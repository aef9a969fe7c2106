import type { StaxDatabase, StaxDb } from '@stax/db';
import { tagIdOfRecord } from '@stax/tags';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { BudgetScope } from './budget.schema';
import type { BudgetPeriod } from './periods';

/** Which records a budget counts: one workspace, one currency, its scope, one period. */
export interface SpendSelection {
  workspaceId: string;
  currency: string;
  scope: BudgetScope;
  period: BudgetPeriod;
}

/** Spend of one UTC day (`usage_date`) inside a period. */
export interface DaySpend {
  day: string;
  amountMicros: number;
}

/** A provider or model and what it spent in the selection. */
export interface Driver {
  key: string;
  amountMicros: number;
}

const SECOND_MS = 1000;
// Spend without a model (a web search fee, a seat) is named so, as the spend API does.
const NO_MODEL_KEY = '(no model)';

/**
 * The records of a selection. The rule: a record belongs to the period that contains its
 * `charge_period_start` instant, `start ≤ charge_period_start < end`, where `start` and `end`
 * are the local midnights that open and close the period in the workspace's time zone. A
 * daily record (a UTC day) thus lands in exactly one period: for a workspace west of UTC
 * the UTC day on which a local month begins belongs to the month before. `usage_date` (the
 * UTC day of `charge_period_start`) only narrows the scan to the index.
 */
function selectedCosts(db: StaxDb, selection: SpendSelection) {
  const { period } = selection;
  const startSeconds = Date.parse(period.start) / SECOND_MS;
  const endSeconds = Date.parse(period.end) / SECOND_MS;
  // unixepoch() reads `…Z` and `….000Z` alike, where comparing the text would not.
  const chargeStart = sql<number>`unixepoch(charge_period_start)`;
  return db
    .selectFrom('cost_records')
    .where('workspace_id', '=', selection.workspaceId)
    .where('usage_date', '>=', period.start.slice(0, 10))
    .where('usage_date', '<=', period.end.slice(0, 10))
    .where(chargeStart, '>=', startSeconds)
    .where(chargeStart, '<', endSeconds)
    .where('currency', '=', selection.currency)
    .where((eb) => inScope(eb, selection));
}

function inScope(
  eb: ExpressionBuilder<StaxDatabase, 'cost_records'>,
  { scope, workspaceId }: SpendSelection,
): Expression<SqlBool> {
  switch (scope.kind) {
    case 'workspace':
      return eb.lit(true);
    case 'provider':
      return eb('provider', '=', scope.value);
    case 'connection':
      return eb('connection_id', '=', scope.value);
    case 'model':
      return eb('model', '=', scope.value);
    case 'tag':
      // The tag a record falls under, by the same rule as spend by tag: a record counts for
      // the first tag (by priority) that matches it, so tag budgets never share a record.
      return eb(tagIdOfRecord(workspaceId, 'cost_records'), '=', scope.value);
  }
}

/** What a selection spent on each UTC day that has records, oldest first. Sums are exact. */
export async function dailySpend(db: StaxDb, selection: SpendSelection): Promise<DaySpend[]> {
  const rows = await selectedCosts(db, selection)
    .select(['usage_date as day', sql<number>`sum(billed_cost_micros)`.as('amountMicros')])
    .groupBy('usage_date')
    .orderBy('usage_date')
    .execute();
  return rows.map(checkSafe);
}

/** The providers and the models that spent most in a selection, largest first. */
export async function topDrivers(
  db: StaxDb,
  selection: SpendSelection,
  limit: number,
): Promise<{ providers: Driver[]; models: Driver[] }> {
  const amount = sql<number>`sum(billed_cost_micros)`.as('amountMicros');
  const model = sql<string>`coalesce(model, ${NO_MODEL_KEY})`;
  const [providers, models] = await Promise.all([
    selectedCosts(db, selection)
      .select(['provider as key', amount])
      .groupBy('provider')
      .orderBy(sql`2`, 'desc')
      .orderBy(sql`1`)
      .limit(limit)
      .execute(),
    selectedCosts(db, selection)
      .select([model.as('key'), amount])
      .groupBy(model)
      .orderBy(sql`2`, 'desc')
      .orderBy(sql`1`)
      .limit(limit)
      .execute(),
  ]);
  return { providers: providers.map(checkSafe), models: models.map(checkSafe) };
}

function checkSafe<T extends { amountMicros: number }>(row: T): T {
  if (!Number.isSafeInteger(row.amountMicros)) throw new RangeError('sum beyond a safe integer');
  return row;
}

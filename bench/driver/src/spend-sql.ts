/**
 * The SQL the gateway runs for `GET /api/v1/spend` (services/gateway/src/spend/spend.queries.ts,
 * as kysely compiles it), run here straight against D1 for the dashboard benchmark's limit.
 */
export type GroupBy = 'provider' | 'model' | 'connection' | 'day';

const GROUP_KEYS: Record<GroupBy, string> = {
  provider: 'provider',
  model: 'coalesce(model, ?)',
  connection: 'connection_id',
  day: 'usage_date',
};
const NO_MODEL_KEY = '(no model)';
const RANGE = `from "cost_records" where "workspace_id" = ? and "usage_date" >= ? and "usage_date" < ?`;

/** Both statements of one spend query: rows per group and currency, then totals per currency. */
export async function runSpendSql(
  database: D1Database,
  range: { workspaceId: string; from: string; to: string; groupBy: GroupBy },
): Promise<{ rows: number; totals: number }> {
  const key = GROUP_KEYS[range.groupBy];
  const keyParams = range.groupBy === 'model' ? [NO_MODEL_KEY] : [];
  const bounds = [range.workspaceId, range.from, range.to];
  const rowsSql =
    `select ${key} as "key", "currency", sum(billed_cost_micros) as "amountMicros" ${RANGE} ` +
    `group by ${key}, "currency" order by 3 desc, 1`;
  const totalsSql =
    `select "currency", sum(billed_cost_micros) as "amountMicros" ${RANGE} ` +
    `group by "currency" order by "currency"`;
  const [rows, totals] = await Promise.all([
    database
      .prepare(rowsSql)
      .bind(...keyParams, ...bounds, ...keyParams)
      .all(),
    database
      .prepare(totalsSql)
      .bind(...bounds)
      .all(),
  ]);
  return { rows: rows.results.length, totals: totals.results.length };
}

/** The index states the dashboard benchmark compares: before and after migration 0008. */
export type IndexState = 'by_day' | 'covering';

const INDEX_SQL: Record<IndexState, string[]> = {
  by_day: [
    'DROP INDEX IF EXISTS cost_records_spend',
    'CREATE INDEX IF NOT EXISTS cost_records_by_day ON cost_records (workspace_id, usage_date)',
  ],
  covering: [
    'CREATE INDEX IF NOT EXISTS cost_records_spend ON cost_records ' +
      '(workspace_id, usage_date, provider, model, connection_id, currency, billed_cost_micros)',
    'DROP INDEX IF EXISTS cost_records_by_day',
  ],
};

/** Puts the indexes of `cost_records` in a state; the covering one is migration 0008's. */
export async function setIndexState(database: D1Database, state: IndexState): Promise<void> {
  for (const sql of INDEX_SQL[state]) await database.prepare(sql).run();
}

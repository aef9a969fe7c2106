import { tagNameOfRecord, UNTAGGED } from '@stax/tags';
import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../app-context';
import { querySpendByTag } from './spend-by-tag.queries';

export type GroupBy = 'provider' | 'model' | 'connection' | 'day' | 'tag';

export interface SpendRow {
  key: string;
  currency: string;
  amountMicros: number;
}

// Spend without a model (a web search fee, a seat) is grouped under this key.
const NO_MODEL_KEY = '(no model)';

// Tags are matched when queried, so a rule change applies to past records too; each record
// falls under one tag at most (see @stax/tags), so spend by tag sums to the total.
function groupKey(
  groupBy: GroupBy,
  workspaceId: string,
  table: 'cost_records' | 'usage_records',
): RawBuilder<string> {
  if (groupBy === 'tag') {
    return sql<string>`coalesce(${tagNameOfRecord(workspaceId, table)}, ${UNTAGGED})`;
  }
  const columns: Record<Exclude<GroupBy, 'tag'>, RawBuilder<string>> = {
    provider: sql<string>`provider`,
    model: sql<string>`coalesce(model, ${NO_MODEL_KEY})`,
    connection: sql<string>`connection_id`,
    day: sql<string>`usage_date`,
  };
  return columns[groupBy];
}

/**
 * Sums billed cost per group and currency over [from, to) for one workspace. Sums are
 * SQLite integer sums: exact. Currencies are never added together.
 */
export async function querySpend(
  app: AppContext,
  workspaceId: string,
  from: string,
  to: string,
  groupBy: GroupBy,
): Promise<{ rows: SpendRow[]; totals: Omit<SpendRow, 'key'>[] }> {
  const key = groupKey(groupBy, workspaceId, 'cost_records');
  const base = app.db
    .selectFrom('cost_records')
    .where('workspace_id', '=', workspaceId)
    .where('usage_date', '>=', from)
    .where('usage_date', '<', to);

  const [rows, totals] = await Promise.all([
    groupBy === 'tag'
      ? querySpendByTag(app, workspaceId, from, to)
      : base
          .select([
            key.as('key'),
            'currency',
            sql<number>`sum(billed_cost_micros)`.as('amountMicros'),
          ])
          .groupBy([key, 'currency'])
          .orderBy(sql`3`, 'desc')
          .orderBy(sql`1`)
          .execute(),
    base
      .select(['currency', sql<number>`sum(billed_cost_micros)`.as('amountMicros')])
      .groupBy('currency')
      .orderBy('currency')
      .execute(),
  ]);
  return { rows: rows.map(checkSafe), totals: totals.map(checkSafe) };
}

function checkSafe<T extends { amountMicros: number }>(row: T): T {
  if (!Number.isSafeInteger(row.amountMicros)) throw new RangeError('sum beyond a safe integer');
  return row;
}

export interface UsageRow {
  key: string;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** Null when the provider does not report requests for any record of the group. */
  requests: number | null;
}

/** Sums token and request counts per group over [from, to) for one workspace. */
export async function queryUsage(
  app: AppContext,
  workspaceId: string,
  from: string,
  to: string,
  groupBy: GroupBy,
): Promise<{ rows: UsageRow[]; totals: Omit<UsageRow, 'key'> }> {
  const key = groupKey(groupBy, workspaceId, 'usage_records');
  const sums = [
    sql<number>`sum(input_tokens)`.as('inputTokens'),
    sql<number>`sum(cached_input_tokens)`.as('cachedInputTokens'),
    sql<number>`sum(cache_write_tokens)`.as('cacheWriteTokens'),
    sql<number>`sum(output_tokens)`.as('outputTokens'),
    sql<number | null>`sum(requests)`.as('requests'),
  ];
  const base = app.db
    .selectFrom('usage_records')
    .where('workspace_id', '=', workspaceId)
    .where('usage_date', '>=', from)
    .where('usage_date', '<', to);

  const [rows, totals] = await Promise.all([
    base
      .select([key.as('key'), ...sums])
      .groupBy(key)
      .orderBy(sql`1`)
      .execute(),
    base.select(sums).executeTakeFirstOrThrow(),
  ]);
  const zero = { inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0 };
  return {
    rows,
    totals: { ...zero, ...withoutNulls(totals), requests: totals.requests ?? null },
  };
}

function withoutNulls<T extends object>(row: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(row).filter(([, value]) => value !== null),
  ) as Partial<T>;
}

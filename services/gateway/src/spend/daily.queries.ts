import { sql } from 'kysely';
import type { AppContext } from '../app-context';

export interface DailySpendRow {
  day: string;
  provider: string;
  currency: string;
  amountMicros: number;
}

/**
 * Sums billed cost per UTC day, provider and currency over [from, to) for one workspace,
 * in day order. Integer sums: exact; currencies stay apart.
 */
export async function queryDailySpend(
  app: AppContext,
  workspaceId: string,
  from: string,
  to: string,
): Promise<DailySpendRow[]> {
  const rows = await app.db
    .selectFrom('cost_records')
    .select([
      'usage_date as day',
      'provider',
      'currency',
      sql<number>`sum(billed_cost_micros)`.as('amountMicros'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('usage_date', '>=', from)
    .where('usage_date', '<', to)
    .groupBy(['usage_date', 'provider', 'currency'])
    .orderBy('usage_date')
    .orderBy('provider')
    .orderBy('currency')
    .execute();
  for (const row of rows) {
    if (!Number.isSafeInteger(row.amountMicros)) throw new RangeError('sum beyond a safe integer');
  }
  return rows;
}

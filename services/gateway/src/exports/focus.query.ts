import { tagNameOfRecord } from '@stax/tags';
import { sql } from 'kysely';
import type { AppContext } from '../app-context';
import type { ChargeForExport } from './focus';

/** An export holds at most this many charges; a longer range is refused, not cut short. */
export const MAX_FOCUS_ROWS = 50_000;

// Usage matches a charge on connection, day, model, project and key. Tokens go on a charge only
// when it is the only charge of that key: several line items of one model (input, output) would
// otherwise each carry the same tokens, and summing x_ columns would count them twice.
function usageOfLoneCharge(
  app: AppContext,
  workspaceId: string,
  range: { from: string; to: string },
) {
  return app.db
    .selectFrom('usage_records as u')
    .select([
      'u.connection_id',
      'u.usage_date',
      'u.model',
      'u.project_id',
      'u.api_key_id',
      sql<number>`sum(u.input_tokens)`.as('input_tokens'),
      sql<number>`sum(u.cached_input_tokens)`.as('cached_input_tokens'),
      sql<number>`sum(u.cache_write_tokens)`.as('cache_write_tokens'),
      sql<number>`sum(u.output_tokens)`.as('output_tokens'),
      sql<number | null>`sum(u.requests)`.as('requests'),
    ])
    .where('u.workspace_id', '=', workspaceId)
    .where('u.usage_date', '>=', range.from)
    .where('u.usage_date', '<', range.to)
    .groupBy(['u.connection_id', 'u.usage_date', 'u.model', 'u.project_id', 'u.api_key_id']);
}

/** The charges of [from, to), oldest first, with tag, connection label and lone-charge usage. */
export async function queryCharges(
  app: AppContext,
  workspaceId: string,
  range: { from: string; to: string },
): Promise<ChargeForExport[] | 'too_many'> {
  const rows = await app.db
    .selectFrom('cost_records as c')
    .leftJoin('connections as k', (join) =>
      join.onRef('k.workspace_id', '=', 'c.workspace_id').onRef('k.id', '=', 'c.connection_id'),
    )
    .leftJoin(usageOfLoneCharge(app, workspaceId, range).as('u'), (join) =>
      join
        .onRef('u.connection_id', '=', 'c.connection_id')
        .onRef('u.usage_date', '=', 'c.usage_date')
        .onRef('u.model', '=', 'c.model')
        .on(sql<boolean>`u.project_id IS c.project_id AND u.api_key_id IS c.api_key_id`)
        .on(sql<boolean>`(SELECT count(*) FROM cost_records AS s
          WHERE s.workspace_id = c.workspace_id AND s.usage_date = c.usage_date
            AND s.connection_id = c.connection_id AND s.model IS c.model
            AND s.project_id IS c.project_id AND s.api_key_id IS c.api_key_id) = 1`),
    )
    .selectAll('c')
    .select([
      'k.label',
      'u.input_tokens',
      'u.cached_input_tokens',
      'u.cache_write_tokens',
      'u.output_tokens',
      'u.requests',
      sql<number>`u.connection_id IS NOT NULL`.as('has_usage'),
      tagNameOfRecord(workspaceId, 'c').as('tag'),
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.usage_date', '>=', range.from)
    .where('c.usage_date', '<', range.to)
    .orderBy('c.charge_period_start')
    .orderBy('c.connection_id')
    .orderBy('c.record_key')
    .limit(MAX_FOCUS_ROWS + 1)
    .execute();
  if (rows.length > MAX_FOCUS_ROWS) return 'too_many';
  return rows.map((row) => ({
    provider: row.provider,
    connectionId: row.connection_id,
    connectionLabel: row.label,
    chargePeriodStart: row.charge_period_start,
    chargePeriodEnd: row.charge_period_end,
    chargeCategory: row.charge_category,
    billedCostMicros: row.billed_cost_micros,
    currency: row.currency,
    serviceName: row.service_name,
    model: row.model,
    chargeDescription: row.charge_description,
    projectId: row.project_id,
    apiKeyId: row.api_key_id,
    consumedQuantity: row.consumed_quantity,
    consumedUnit: row.consumed_unit,
    source: row.source,
    tag: row.tag,
    usage: row.has_usage
      ? {
          inputTokens: row.input_tokens ?? 0,
          cachedInputTokens: row.cached_input_tokens ?? 0,
          cacheWriteTokens: row.cache_write_tokens ?? 0,
          outputTokens: row.output_tokens ?? 0,
          requests: row.requests ?? null,
        }
      : null,
  }));
}

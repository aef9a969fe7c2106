import { anyRuleMatches, tagNameOfRecord, type TagRule } from '@stax/tags';
import { sql } from 'kysely';
import type { AppContext } from '../app-context';

const MAX_PREVIEW_GROUPS = 100;

/** Spend the rules would match, per distinct record fields, with the tag it falls under now. */
export interface PreviewGroup {
  provider: string;
  connectionId: string;
  model: string | null;
  projectId: string | null;
  apiKeyId: string | null;
  currency: string;
  amountMicros: number;
  records: number;
  /** The tag this spend falls under today, or null when untagged. */
  currentTag: string | null;
}

/**
 * What a set of unsaved rules would match over [from, to): the biggest groups of matching
 * spend and the totals per currency. Rules are evaluated by the same SQL as saved ones.
 */
export async function previewRules(
  app: AppContext,
  workspaceId: string,
  rules: TagRule[],
  range: { from: string; to: string },
) {
  const matching = app.db
    .selectFrom('cost_records as c')
    .where('c.workspace_id', '=', workspaceId)
    .where('c.usage_date', '>=', range.from)
    .where('c.usage_date', '<', range.to)
    .where(anyRuleMatches(rules, 'c'));
  const amount = sql<number>`sum(c.billed_cost_micros)`.as('amountMicros');
  const records = sql<number>`count(*)`.as('records');
  const dimensions = [
    'c.provider',
    'c.connection_id',
    'c.model',
    'c.project_id',
    'c.api_key_id',
    'c.currency',
  ] as const;

  const [groups, totals] = await Promise.all([
    matching
      .select([...dimensions, amount, records])
      .select(tagNameOfRecord(workspaceId, 'c').as('currentTag'))
      .groupBy([...dimensions])
      .orderBy(sql`7`, 'desc')
      .orderBy('c.provider')
      .orderBy('c.connection_id')
      .limit(MAX_PREVIEW_GROUPS)
      .execute(),
    matching
      .select(['c.currency', amount, records])
      .groupBy('c.currency')
      .orderBy('c.currency')
      .execute(),
  ]);
  return {
    groups: groups.map((row) => ({
      provider: row.provider,
      connectionId: row.connection_id,
      model: row.model,
      projectId: row.project_id,
      apiKeyId: row.api_key_id,
      currency: row.currency,
      amountMicros: row.amountMicros,
      records: row.records,
      currentTag: row.currentTag,
    })),
    totals,
  };
}

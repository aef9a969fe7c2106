import { applyD1Migrations, type D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createStaxDb } from '@stax/db';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  anyRuleMatches,
  loadTags,
  ruleMatches,
  tagIdOfRecord,
  tagOfRecord,
  type TaggableRecord,
  type TagRule,
} from '../src/index';

const testEnv = env as unknown as { DB: D1Database; STAX_MIGRATIONS: D1Migration[] };
const db = createStaxDb(testEnv.DB);
const WORKSPACE = 'wsp_tagsaaaaaaaaaaaaaaaa';
const OTHER_WORKSPACE = 'wsp_tagsbbbbbbbbbbbbbbbb';

const RECORDS: Array<TaggableRecord & { key: string }> = [
  {
    key: 'r1',
    provider: 'openai',
    connectionId: 'con_1',
    model: 'gpt-5',
    projectId: 'proj_research',
    apiKeyId: 'key_a',
  },
  {
    key: 'r2',
    provider: 'openai',
    connectionId: 'con_1',
    model: 'gpt-5-mini',
    projectId: 'proj_support',
    apiKeyId: null,
  },
  {
    key: 'r3',
    provider: 'anthropic',
    connectionId: 'con_2',
    model: 'claude-opus-4',
    projectId: 'wrkspc_research',
    apiKeyId: 'apikey_9',
  },
  {
    key: 'r4',
    provider: 'anthropic',
    connectionId: 'con_2',
    model: null,
    projectId: null,
    apiKeyId: null,
  },
  {
    key: 'r5',
    provider: 'mistral',
    connectionId: 'con_3',
    model: 'GPT-5',
    projectId: null,
    apiKeyId: null,
  },
];

async function seedRecords(workspaceId: string): Promise<void> {
  await db
    .insertInto('cost_records')
    .values(
      RECORDS.map((record) => ({
        workspace_id: workspaceId,
        connection_id: record.connectionId,
        record_key: record.key,
        provider: record.provider,
        usage_date: '2026-03-01',
        charge_period_start: '2026-03-01T00:00:00Z',
        charge_period_end: '2026-03-02T00:00:00Z',
        charge_category: 'usage',
        billed_cost_micros: 1_000_000,
        currency: 'USD',
        service_name: 'test',
        model: record.model,
        charge_description: null,
        project_id: record.projectId,
        api_key_id: record.apiKeyId,
        consumed_quantity: null,
        consumed_unit: null,
        source: 'reported',
        updated_at: '2026-03-02T00:00:00Z',
      })),
    )
    .execute();
}

let tagSerial = 0;
async function saveTag(workspaceId: string, name: string, priority: number, rules: TagRule[]) {
  tagSerial += 1;
  const id = `tag_${String(tagSerial).padStart(20, 'a')}`;
  await db
    .insertInto('tags')
    .values({
      id,
      workspace_id: workspaceId,
      name,
      priority,
      created_at: `2026-01-01T00:00:${String(tagSerial).padStart(2, '0')}Z`,
      updated_at: '2026-01-01T00:00:00Z',
    })
    .execute();
  await db
    .insertInto('tag_rules')
    .values(
      rules.map((rule, position) => ({
        workspace_id: workspaceId,
        tag_id: id,
        position,
        field: rule.field,
        match_kind: rule.match,
        value: rule.value,
      })),
    )
    .execute();
  return id;
}

async function sqlTagNames(workspaceId: string): Promise<Record<string, string | null>> {
  const rows = await db
    .selectFrom('cost_records as c')
    .leftJoin('tags as t', (join) =>
      join.on('t.id', '=', tagIdOfRecord(workspaceId, 'c')).on('t.workspace_id', '=', workspaceId),
    )
    .select(['c.record_key', 't.name'])
    .where('c.workspace_id', '=', workspaceId)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.record_key, row.name]));
}

beforeAll(async () => {
  await applyD1Migrations(testEnv.DB, testEnv.STAX_MIGRATIONS);
  await db
    .insertInto('workspaces')
    .values([WORKSPACE, OTHER_WORKSPACE].map((id) => ({ id, name: id, created_at: '2026-01-01' })))
    .execute();
  await seedRecords(WORKSPACE);
  await seedRecords(OTHER_WORKSPACE);
});

describe('ruleMatches', () => {
  const record = RECORDS[0] as TaggableRecord;
  it.each<[TagRule, boolean]>([
    [{ field: 'provider', match: 'exact', value: 'openai' }, true],
    [{ field: 'provider', match: 'exact', value: 'open' }, false],
    [{ field: 'provider', match: 'prefix', value: 'open' }, true],
    [{ field: 'connection', match: 'exact', value: 'con_1' }, true],
    [{ field: 'model', match: 'prefix', value: 'gpt-5' }, true],
    [{ field: 'model', match: 'exact', value: 'GPT-5' }, false],
    [{ field: 'project', match: 'prefix', value: 'proj_re' }, true],
    [{ field: 'key', match: 'exact', value: 'key_a' }, true],
    [{ field: 'key', match: 'prefix', value: 'key_b' }, false],
  ])('matches %j: %s', (rule, expected) => {
    expect(ruleMatches(rule, record)).toBe(expected);
  });

  it('never matches a field the record lacks', () => {
    const rule: TagRule = { field: 'key', match: 'prefix', value: 'k' };
    expect(ruleMatches(rule, RECORDS[1] as TaggableRecord)).toBe(false);
  });
});

describe('tagIdOfRecord and tagOfRecord', () => {
  it('give each record the first matching tag by priority, in SQL and in memory alike', async () => {
    await saveTag(WORKSPACE, 'Research', 1, [
      { field: 'project', match: 'prefix', value: 'proj_research' },
      { field: 'project', match: 'prefix', value: 'wrkspc_research' },
    ]);
    await saveTag(WORKSPACE, 'GPT', 2, [{ field: 'model', match: 'prefix', value: 'gpt-' }]);
    await saveTag(WORKSPACE, 'Anthropic', 3, [
      { field: 'provider', match: 'exact', value: 'anthropic' },
    ]);
    await saveTag(OTHER_WORKSPACE, 'Everything', 0, [
      { field: 'connection', match: 'prefix', value: 'con_' },
    ]);

    const expected = { r1: 'Research', r2: 'GPT', r3: 'Research', r4: 'Anthropic', r5: null };
    expect(await sqlTagNames(WORKSPACE)).toEqual(expected);
    const tags = await loadTags(db, WORKSPACE);
    const inMemory = Object.fromEntries(
      RECORDS.map((record) => [record.key, tagOfRecord(tags, record)?.name ?? null]),
    );
    expect(inMemory).toEqual(expected);
  });

  it('never applies another workspace rules', async () => {
    const names = await sqlTagNames(OTHER_WORKSPACE);
    expect(Object.values(names)).toEqual([
      'Everything',
      'Everything',
      'Everything',
      'Everything',
      'Everything',
    ]);
  });

  it('applies a changed priority to records already stored', async () => {
    await db
      .updateTable('tags')
      .set({ priority: 0 })
      .where('workspace_id', '=', WORKSPACE)
      .where('name', '=', 'GPT')
      .execute();
    expect(await sqlTagNames(WORKSPACE)).toEqual({
      r1: 'GPT',
      r2: 'GPT',
      r3: 'Research',
      r4: 'Anthropic',
      r5: null,
    });
  });
});

describe('anyRuleMatches', () => {
  it('evaluates unsaved rules with the matcher saved rules use', async () => {
    const rules: TagRule[] = [
      { field: 'model', match: 'exact', value: 'GPT-5' },
      { field: 'key', match: 'prefix', value: 'apikey_' },
    ];
    const rows = await db
      .selectFrom('cost_records as c')
      .select('c.record_key')
      .where('c.workspace_id', '=', WORKSPACE)
      .where(anyRuleMatches(rules, 'c'))
      .orderBy('c.record_key')
      .execute();
    expect(rows.map((row) => row.record_key)).toEqual(['r3', 'r5']);
  });

  it('treats a value with LIKE wildcards as plain text', async () => {
    const rules: TagRule[] = [{ field: 'model', match: 'prefix', value: '%' }];
    const rows = await db
      .selectFrom('cost_records as c')
      .select(sql<number>`count(*)`.as('count'))
      .where('c.workspace_id', '=', WORKSPACE)
      .where(anyRuleMatches(rules, 'c'))
      .executeTakeFirstOrThrow();
    expect(rows.count).toBe(0);
  });
});

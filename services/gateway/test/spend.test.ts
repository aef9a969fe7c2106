import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newWorkspace } from './helpers';
import type { TestEnv } from './env';

const testEnv = env as unknown as TestEnv;

interface Seed {
  connection: string;
  provider: string;
  day: string;
  model: string | null;
  micros: number;
  currency?: string;
}

async function seedCosts(workspaceId: string, seeds: Seed[]): Promise<void> {
  const statements = seeds.map((seed, index) =>
    testEnv.DB.prepare(
      `INSERT INTO cost_records (workspace_id, connection_id, record_key, provider, usage_date,
        charge_period_start, charge_period_end, charge_category, billed_cost_micros, currency,
        service_name, model, charge_description, project_id, api_key_id, consumed_quantity,
        consumed_unit, source, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'usage', ?, ?, 'test', ?, NULL, NULL, NULL, NULL, NULL,
        'reported', '2026-01-01T00:00:00Z')`,
    ).bind(
      workspaceId,
      seed.connection,
      `k${index}`,
      seed.provider,
      seed.day,
      `${seed.day}T00:00:00Z`,
      `${seed.day}T00:00:00Z`,
      seed.micros,
      seed.currency ?? 'USD',
      seed.model,
    ),
  );
  await testEnv.DB.batch(statements);
}

let auth: { authorization: string };
let otherAuth: { authorization: string };

beforeAll(async () => {
  const mine = await newWorkspace();
  const other = await newWorkspace();
  auth = { authorization: `Bearer ${mine.token}` };
  otherAuth = { authorization: `Bearer ${other.token}` };
  const workspaceId = async (headers: Record<string, string>) =>
    ((await (await call('/api/v1/me', { headers })).json()) as { workspace: { id: string } })
      .workspace.id;

  await seedCosts(await workspaceId(auth), [
    {
      connection: 'con_a',
      provider: 'openai',
      day: '2026-03-01',
      model: 'gpt-5',
      micros: 12_345_679,
    },
    { connection: 'con_a', provider: 'openai', day: '2026-03-01', model: 'gpt-5-mini', micros: 1 },
    {
      connection: 'con_a',
      provider: 'openai',
      day: '2026-03-31',
      model: 'gpt-5',
      micros: 2_000_000,
    },
    {
      connection: 'con_b',
      provider: 'anthropic',
      day: '2026-03-15',
      model: null,
      micros: 412_805_000,
    },
    {
      connection: 'con_c',
      provider: 'mistral',
      day: '2026-03-02',
      model: 'mistral-large',
      micros: 5_500_000,
      currency: 'EUR',
    },
    {
      connection: 'con_a',
      provider: 'openai',
      day: '2026-04-01',
      model: 'gpt-5',
      micros: 999_000_000,
    },
    {
      connection: 'con_a',
      provider: 'openai',
      day: '2026-02-28',
      model: 'gpt-5',
      micros: 777_000_000,
    },
  ]);
  await seedCosts(await workspaceId(otherAuth), [
    {
      connection: 'con_z',
      provider: 'openai',
      day: '2026-03-10',
      model: 'gpt-5',
      micros: 50_000_000,
    },
  ]);
});

describe('GET /api/v1/spend', () => {
  it('sums exactly per provider and currency over [from, to)', async () => {
    const response = await call('/api/v1/spend?from=2026-03-01&to=2026-04-01&group_by=provider', {
      headers: auth,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      from: '2026-03-01',
      to: '2026-04-01',
      groupBy: 'provider',
      rows: [
        { key: 'anthropic', currency: 'USD', amountMicros: 412_805_000, amount: '412.805' },
        { key: 'openai', currency: 'USD', amountMicros: 14_345_680, amount: '14.34568' },
        { key: 'mistral', currency: 'EUR', amountMicros: 5_500_000, amount: '5.50' },
      ],
      totals: [
        { currency: 'EUR', amountMicros: 5_500_000, amount: '5.50' },
        { currency: 'USD', amountMicros: 427_150_680, amount: '427.15068' },
      ],
    });
  });

  it('groups by model, with spend that has none under its own key', async () => {
    const response = await call('/api/v1/spend?from=2026-03-01&to=2026-04-01&group_by=model', {
      headers: auth,
    });
    const body = (await response.json()) as { rows: Array<{ key: string; amountMicros: number }> };
    expect(body.rows.map((row) => [row.key, row.amountMicros])).toEqual([
      ['(no model)', 412_805_000],
      ['gpt-5', 14_345_679],
      ['mistral-large', 5_500_000],
      ['gpt-5-mini', 1],
    ]);
  });

  it('groups by day and by connection', async () => {
    const byDay = await call('/api/v1/spend?from=2026-03-31&to=2026-04-02&group_by=day', {
      headers: auth,
    });
    const days = (await byDay.json()) as { rows: Array<{ key: string; amountMicros: number }> };
    expect(days.rows.map((row) => [row.key, row.amountMicros])).toEqual([
      ['2026-04-01', 999_000_000],
      ['2026-03-31', 2_000_000],
    ]);
    const byConnection = await call(
      '/api/v1/spend?from=2026-02-01&to=2026-05-01&group_by=connection',
      { headers: auth },
    );
    const connections = (await byConnection.json()) as { rows: Array<{ key: string }> };
    expect(connections.rows.map((row) => row.key)).toEqual(['con_a', 'con_b', 'con_c']);
  });

  it('never shows another workspace spend', async () => {
    const response = await call('/api/v1/spend?from=2026-03-01&to=2026-04-01', {
      headers: otherAuth,
    });
    const body = (await response.json()) as { totals: unknown[] };
    expect(body.totals).toEqual([{ currency: 'USD', amountMicros: 50_000_000, amount: '50.00' }]);
  });

  it.each([
    ['from=2026-03-01', 'to'],
    ['from=2026-3-1&to=2026-04-01', 'from'],
    ['from=2026-02-30&to=2026-04-01', 'from'],
    ['from=2026-04-01&to=2026-03-01', 'to'],
    ['from=2026-04-01&to=2026-04-01', 'to'],
    ['from=2020-01-01&to=2026-04-01', 'to'],
    ['from=2026-03-01&to=2026-04-01&group_by=colour', 'group_by'],
    ['from=2026-03-01&to=2026-04-01&workspace_id=wsp_x', 'workspace_id'],
    ['from=2026-03-01&from=2025-01-01&to=2026-04-01', 'from'],
    ['from=2026-03-01&to=2026-04-01&group_by=model&group_by=provider', 'group_by'],
  ])('answers 400 for %s naming %s', async (query, field) => {
    const response = await call(`/api/v1/spend?${query}`, { headers: auth });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field });
  });

  it('answers 401 without credentials', async () => {
    const response = await call('/api/v1/spend?from=2026-03-01&to=2026-04-01');
    expect(response.status).toBe(401);
  });
});

describe('GET /api/v1/usage', () => {
  it('answers zero totals over an empty range', async () => {
    const response = await call('/api/v1/usage?from=2026-03-01&to=2026-04-01&group_by=model', {
      headers: auth,
    });
    expect(await response.json()).toEqual({
      from: '2026-03-01',
      to: '2026-04-01',
      groupBy: 'model',
      rows: [],
      totals: {
        inputTokens: 0,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 0,
        requests: null,
      },
    });
  });
});

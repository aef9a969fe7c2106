import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newWorkspace } from './helpers';
import type { TestEnv } from './env';

const testEnv = env as unknown as TestEnv;

interface Seed {
  provider: string;
  day: string;
  micros: number;
  currency?: string;
}

async function seedCosts(workspaceId: string, seeds: Seed[]): Promise<void> {
  await testEnv.DB.batch(
    seeds.map((seed, index) =>
      testEnv.DB.prepare(
        `INSERT INTO cost_records (workspace_id, connection_id, record_key, provider, usage_date,
          charge_period_start, charge_period_end, charge_category, billed_cost_micros, currency,
          service_name, model, charge_description, project_id, api_key_id, consumed_quantity,
          consumed_unit, source, updated_at)
         VALUES (?, 'con_daily', ?, ?, ?, ?, ?, 'usage', ?, ?, 'test', NULL, NULL, NULL, NULL,
          NULL, NULL, 'reported', '2026-01-01T00:00:00Z')`,
      ).bind(
        workspaceId,
        `daily-${index}`,
        seed.provider,
        seed.day,
        `${seed.day}T00:00:00Z`,
        `${seed.day}T00:00:00Z`,
        seed.micros,
        seed.currency ?? 'USD',
      ),
    ),
  );
}

async function workspaceIdOf(headers: Record<string, string>): Promise<string> {
  const me = (await (await call('/api/v1/me', { headers })).json()) as {
    workspace: { id: string };
  };
  return me.workspace.id;
}

let auth: Record<string, string>;
let otherAuth: Record<string, string>;

beforeAll(async () => {
  auth = { authorization: `Bearer ${(await newWorkspace()).token}` };
  otherAuth = { authorization: `Bearer ${(await newWorkspace()).token}` };
  await seedCosts(await workspaceIdOf(auth), [
    { provider: 'openai', day: '2026-05-01', micros: 12_345_679 },
    { provider: 'openai', day: '2026-05-01', micros: 1 },
    { provider: 'anthropic', day: '2026-05-01', micros: 412_805_000 },
    { provider: 'mistral', day: '2026-05-02', micros: 5_500_000, currency: 'EUR' },
    { provider: 'openai', day: '2026-05-03', micros: 2_000_000 },
    { provider: 'openai', day: '2026-04-30', micros: 777_000_000 },
  ]);
  await seedCosts(await workspaceIdOf(otherAuth), [
    { provider: 'openai', day: '2026-05-01', micros: 50_000_000 },
  ]);
});

describe('GET /api/v1/spend/daily', () => {
  it('sums exactly per day, provider and currency over [from, to), in day order', async () => {
    const response = await call('/api/v1/spend/daily?from=2026-05-01&to=2026-05-03', {
      headers: auth,
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      from: '2026-05-01',
      to: '2026-05-03',
      days: [
        {
          day: '2026-05-01',
          provider: 'anthropic',
          currency: 'USD',
          amountMicros: 412_805_000,
          amount: '412.805',
        },
        {
          day: '2026-05-01',
          provider: 'openai',
          currency: 'USD',
          amountMicros: 12_345_680,
          amount: '12.34568',
        },
        {
          day: '2026-05-02',
          provider: 'mistral',
          currency: 'EUR',
          amountMicros: 5_500_000,
          amount: '5.50',
        },
      ],
    });
  });

  it("never shows another workspace's spend", async () => {
    const response = await call('/api/v1/spend/daily?from=2026-05-01&to=2026-05-04', {
      headers: otherAuth,
    });

    expect(await response.json()).toEqual({
      from: '2026-05-01',
      to: '2026-05-04',
      days: [
        {
          day: '2026-05-01',
          provider: 'openai',
          currency: 'USD',
          amountMicros: 50_000_000,
          amount: '50.00',
        },
      ],
    });
  });

  it.each([
    ['from=2026-05-01', 'to'],
    ['from=2026-5-1&to=2026-05-03', 'from'],
    ['from=2026-05-03&to=2026-05-03', 'to'],
    ['from=2025-01-01&to=2026-05-03', 'to'],
    ['from=2026-05-01&to=2026-05-03&group_by=day', 'group_by'],
    ['from=2026-05-01&to=2026-05-03&workspace_id=wsp_x', 'workspace_id'],
  ])('answers 400 for %s naming %s', async (query, field) => {
    const response = await call(`/api/v1/spend/daily?${query}`, { headers: auth });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field });
  });

  it('answers 401 without credentials', async () => {
    const response = await call('/api/v1/spend/daily?from=2026-05-01&to=2026-05-03');

    expect(response.status).toBe(401);
  });
});

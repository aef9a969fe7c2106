import { env } from 'cloudflare:workers';
import { newId } from '@stax/contracts';
import { periodContaining } from '@stax/budgets';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newWorkspace, withJson } from './helpers';
import type { TestEnv } from './env';

const testEnv = env as unknown as TestEnv;

interface Caller {
  headers: { authorization: string };
  token: string;
  workspaceId: string;
}

async function callerOf(token: string): Promise<Caller> {
  const headers = { authorization: `Bearer ${token}` };
  const me = (await (await call('/api/v1/me', { headers })).json()) as {
    workspace: { id: string };
  };
  return { headers, token, workspaceId: me.workspace.id };
}

async function viewerOf(session: { cookie: string }): Promise<Caller> {
  const created = await call(
    '/api/v1/tokens',
    withJson({ name: 'viewer', role: 'viewer' }, session),
  );
  return callerOf(((await created.json()) as { token: string }).token);
}

async function seedCost(workspaceId: string, start: string, micros: number, currency = 'USD') {
  await testEnv.DB.prepare(
    `INSERT INTO cost_records (workspace_id, connection_id, record_key, provider, usage_date,
      charge_period_start, charge_period_end, charge_category, billed_cost_micros, currency,
      service_name, model, charge_description, project_id, api_key_id, consumed_quantity,
      consumed_unit, source, updated_at)
     VALUES (?, 'con_seeded', ?, 'openai', ?, ?, ?, 'usage', ?, ?, 'test', 'gpt-5', NULL, NULL,
      NULL, NULL, NULL, 'reported', '2026-01-01T00:00:00Z')`,
  )
    .bind(workspaceId, crypto.randomUUID(), start.slice(0, 10), start, start, micros, currency)
    .run();
}

async function seedConnection(workspaceId: string): Promise<string> {
  const id = newId('con');
  await testEnv.DB.prepare(
    `INSERT INTO connections (id, workspace_id, provider, kind, label, status, created_at,
      updated_at) VALUES (?, ?, 'openai', 'api', 'Prod', 'ok', '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00Z')`,
  )
    .bind(id, workspaceId)
    .run();
  return id;
}

const BUDGET = {
  name: 'Engineering AI',
  amount: '1000.50',
  currency: 'USD',
  period: 'month',
  thresholds: [
    { percent: 80, basis: 'actual' },
    { percent: 100, basis: 'forecast' },
  ],
};

async function createBudget(caller: Caller, body: object = BUDGET) {
  const response = await call('/api/v1/budgets', withJson(body, { token: caller.token }));
  return { response, body: (await response.json()) as Record<string, unknown> & { id: string } };
}

let owner: Caller;
let viewer: Caller;
let other: Caller;
let kolkata: { start: string; end: string; startDate: string; endDate: string };

beforeAll(async () => {
  const session = await newWorkspace();
  owner = await callerOf(session.token);
  viewer = await viewerOf(session);
  other = await callerOf((await newWorkspace()).token);
  await testEnv.DB.prepare(`UPDATE workspaces SET time_zone = 'Asia/Kolkata' WHERE id = ?`)
    .bind(owner.workspaceId)
    .run();
  const rule = { kind: 'month' as const, startDay: 1, weekStart: 1 };
  kolkata = periodContaining(rule, 'Asia/Kolkata', new Date());
  const justBefore = new Date(Date.parse(kolkata.start) - 1000).toISOString();
  await seedCost(owner.workspaceId, kolkata.start, 400_000_001);
  await seedCost(owner.workspaceId, justBefore, 900_000_000);
  await seedCost(owner.workspaceId, kolkata.start, 77_000_000, 'EUR');
  await seedCost(other.workspaceId, kolkata.start, 5_000_000);
});

describe('POST /api/v1/budgets', () => {
  it("creates a budget that counts only this period of the workspace's time zone", async () => {
    const { response, body } = await createBudget(owner);

    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/budgets/${body.id}`);
    expect(body).toMatchObject({
      name: 'Engineering AI',
      amount: '1000.50',
      amountMicros: 1_000_500_000,
      currency: 'USD',
      period: 'month',
      startDay: 1,
      scope: { kind: 'workspace', value: null },
      current: { ...kolkata, timeZone: 'Asia/Kolkata' },
      spend: { amount: '400.000001', amountMicros: 400_000_001 },
      days: [
        {
          day: kolkata.start.slice(0, 10),
          amount: '400.000001',
          amountMicros: 400_000_001,
          provisional: expect.any(Boolean),
        },
      ],
      thresholds: [
        { id: expect.stringMatching(/^thr_/), percent: 80, basis: 'actual', reached: false },
        {
          id: expect.stringMatching(/^thr_/),
          percent: 100,
          basis: 'forecast',
          reached: expect.any(Boolean),
        },
      ],
    });
    const forecast = body.forecast as { amountMicros: number; amount: string };
    expect(forecast.amountMicros).toBeGreaterThanOrEqual(400_000_001);
  });

  it.each([
    ['an amount in exponent form', { amount: '1e3' }, 'amount'],
    ['an amount finer than a micro-unit', { amount: '10.1234567' }, 'amount'],
    ['a zero amount', { amount: '0.00' }, 'amount'],
    ['a negative amount', { amount: '-5' }, 'amount'],
    ['an amount as a number', { amount: 5 }, 'amount'],
    ['a lower-case currency', { currency: 'usd' }, 'currency'],
    ['a yearly period', { period: 'year' }, 'period'],
    ['a start day for weeks', { period: 'week', startDay: 3 }, 'startDay'],
    ['a start day of 32', { startDay: 32 }, 'startDay'],
    [
      'a value for the whole workspace',
      { scope: { kind: 'workspace', value: 'x' } },
      'scope.value',
    ],
    ['an unknown provider', { scope: { kind: 'provider', value: 'acme' } }, 'scope.value'],
    ['a model scope without a model', { scope: { kind: 'model' } }, 'scope.value'],
    [
      'a threshold of 0 %',
      { thresholds: [{ percent: 0, basis: 'actual' }] },
      'thresholds.0.percent',
    ],
    ['an unknown basis', { thresholds: [{ percent: 50, basis: 'hope' }] }, 'thresholds.0.basis'],
    [
      'a repeated threshold',
      { thresholds: [{ percent: 50 }, { percent: 50, basis: 'actual' }] },
      'thresholds',
    ],
    ['an unknown field', { workspaceId: 'wsp_x' }, 'workspaceId'],
    ['a name with a line break', { name: 'a\nb' }, 'name'],
  ])('refuses %s, naming the field', async (_label, change, field) => {
    const { response, body } = await createBudget(owner, { ...BUDGET, ...change });

    expect(response.status).toBe(400);
    expect(body).toMatchObject({ code: 'validation_failed', field });
  });

  it('answers a whole problem body', async () => {
    const { response, body } = await createBudget(owner, { ...BUDGET, amount: '1e3' });

    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(body).toEqual({
      type: 'https://stax.dev/problems/validation-failed',
      title: 'The field "amount" is invalid.',
      status: 400,
      code: 'validation_failed',
      requestId: expect.stringMatching(/^req_/),
      detail: 'must be decimal text with at most 6 decimals, as "1000.00"',
      field: 'amount',
    });
  });

  it("refuses another workspace's connection as its scope, as if it did not exist", async () => {
    const foreign = await seedConnection(other.workspaceId);
    const { response, body } = await createBudget(owner, {
      ...BUDGET,
      scope: { kind: 'connection', value: foreign },
    });

    expect(response.status).toBe(404);
    expect(body).toMatchObject({
      code: 'not_found',
      title: 'No such connection in this workspace.',
      field: 'scope.value',
    });
  });

  it('scopes a budget to its own connection', async () => {
    const connectionId = await seedConnection(owner.workspaceId);
    const { response, body } = await createBudget(owner, {
      ...BUDGET,
      scope: { kind: 'connection', value: connectionId },
    });

    expect(response.status).toBe(201);
    expect(body).toMatchObject({
      scope: { kind: 'connection', value: connectionId },
      spend: { amountMicros: 0 },
    });
  });

  it('is refused to a viewer', async () => {
    const { response, body } = await createBudget(viewer);

    expect(response.status).toBe(403);
    expect(body).toMatchObject({ code: 'forbidden' });
  });
});

describe('GET /api/v1/budgets', () => {
  it("lists only the caller's workspace's budgets, to a viewer too", async () => {
    const { body: mine } = await createBudget(owner, { ...BUDGET, name: 'Listed' });
    await createBudget(other, { ...BUDGET, name: 'Theirs' });

    const response = await call('/api/v1/budgets', { headers: viewer.headers });
    const { budgets } = (await response.json()) as { budgets: Array<{ id: string; name: string }> };

    expect(response.status).toBe(200);
    expect(budgets.map((budget) => budget.id)).toContain(mine.id);
    expect(budgets.map((budget) => budget.name)).not.toContain('Theirs');
  });
});

describe('PATCH /api/v1/budgets/:id', () => {
  it('changes the amount and keeps the ids of thresholds that stay', async () => {
    const { body: created } = await createBudget(owner);
    const [kept] = created.thresholds as Array<{ id: string }>;

    const response = await call(
      `/api/v1/budgets/${created.id}`,
      withJson(
        { amount: '2000', thresholds: [{ percent: 80, basis: 'actual' }, { percent: 50 }] },
        { token: owner.token },
        'PATCH',
      ),
    );
    const body = (await response.json()) as {
      amountMicros: number;
      thresholds: Array<{ id: string; percent: number }>;
    };

    expect(response.status).toBe(200);
    expect(body.amountMicros).toBe(2_000_000_000);
    expect(body.thresholds.map((threshold) => threshold.percent)).toEqual([50, 80]);
    expect(body.thresholds[1]?.id).toBe(kept?.id);
  });

  it('refuses a start day for a weekly budget', async () => {
    const { body: created } = await createBudget(owner, { ...BUDGET, period: 'week' });

    const response = await call(
      `/api/v1/budgets/${created.id}`,
      withJson({ startDay: 15 }, { token: owner.token }, 'PATCH'),
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field: 'startDay' });
  });

  it.each([
    ['a viewer', () => viewer, 403],
    ['another workspace', () => other, 404],
  ])('is refused to %s', async (_label, caller, status) => {
    const { body: created } = await createBudget(owner);

    const response = await call(
      `/api/v1/budgets/${created.id}`,
      withJson({ amount: '1' }, { token: caller().token }, 'PATCH'),
    );

    expect(response.status).toBe(status);
  });
});

describe('DELETE /api/v1/budgets/:id', () => {
  it('deletes a budget, which then reads as missing', async () => {
    const { body: created } = await createBudget(owner);

    const deleted = await call(`/api/v1/budgets/${created.id}`, {
      method: 'DELETE',
      headers: owner.headers,
    });
    const after = await call(`/api/v1/budgets/${created.id}`, { headers: owner.headers });

    expect(deleted.status).toBe(204);
    expect(after.status).toBe(404);
  });

  it("answers another workspace's budget exactly as a missing one", async () => {
    const { body: created } = await createBudget(owner);

    const foreign = await call(`/api/v1/budgets/${created.id}`, {
      method: 'DELETE',
      headers: other.headers,
    });
    const missing = await call(`/api/v1/budgets/${newId('bud')}`, {
      method: 'DELETE',
      headers: other.headers,
    });
    const still = await call(`/api/v1/budgets/${created.id}`, { headers: owner.headers });

    const strip = (body: unknown) => ({ ...(body as object), requestId: null });
    expect(foreign.status).toBe(404);
    expect(strip(await foreign.json())).toEqual(strip(await missing.json()));
    expect(still.status).toBe(200);
  });
});

describe('budget routes without a credential', () => {
  it.each([
    ['POST', '/api/v1/budgets'],
    ['GET', '/api/v1/budgets'],
    ['GET', `/api/v1/budgets/${newId('bud')}`],
    ['PATCH', `/api/v1/budgets/${newId('bud')}`],
    ['DELETE', `/api/v1/budgets/${newId('bud')}`],
    ['GET', '/api/v1/alerts'],
  ])('%s %s answers 401', async (method, path) => {
    const response = await call(path, { method });

    expect(response.status).toBe(401);
  });
});

describe('GET /api/v1/alerts', () => {
  async function seedAlert(workspaceId: string, kind: string, createdAt: string) {
    const detail = {
      kind: 'connection_attention',
      connectionId: 'con_x',
      label: 'Prod',
      provider: 'openai',
      status: 'needs_attention',
      lastError: null,
      failedRuns: 0,
    };
    const id = newId('alr');
    await testEnv.DB.prepare(
      `INSERT INTO alert_events (id, workspace_id, kind, dedupe_key, connection_id, detail,
        recipients, email_status, email_attempts, created_at, sent_at)
       VALUES (?, ?, ?, ?, 'con_x', ?, '["o@example.com"]', 'sent', 1, ?, ?)`,
    )
      .bind(id, workspaceId, kind, id, JSON.stringify(detail), createdAt, createdAt)
      .run();
    return id;
  }

  it("lists the workspace's alerts newest first, without recipients", async () => {
    const older = await seedAlert(
      viewer.workspaceId,
      'connection_attention',
      '2026-04-01T00:00:00.000Z',
    );
    const newer = await seedAlert(
      viewer.workspaceId,
      'connection_attention',
      '2026-04-02T00:00:00.000Z',
    );
    await seedAlert(other.workspaceId, 'connection_attention', '2026-04-03T00:00:00.000Z');

    const response = await call('/api/v1/alerts?kind=connection_attention', {
      headers: viewer.headers,
    });
    const body = (await response.json()) as { alerts: Array<{ id: string }> };

    expect(response.status).toBe(200);
    expect(body.alerts.map((alert) => alert.id)).toEqual([newer, older]);
    expect(body.alerts[0]).toEqual({
      id: newer,
      kind: 'connection_attention',
      budgetId: null,
      thresholdId: null,
      periodStart: null,
      connectionId: 'con_x',
      detail: {
        kind: 'connection_attention',
        connectionId: 'con_x',
        label: 'Prod',
        provider: 'openai',
        status: 'needs_attention',
        lastError: null,
        failedRuns: 0,
      },
      email: { status: 'sent', attempts: 1, sentAt: '2026-04-02T00:00:00.000Z' },
      createdAt: '2026-04-02T00:00:00.000Z',
    });
  });

  it('pages with before and limit', async () => {
    const response = await call(
      '/api/v1/alerts?limit=1&before=2026-04-02T00:00:00.000Z&kind=connection_attention',
      { headers: viewer.headers },
    );
    const body = (await response.json()) as { alerts: Array<{ createdAt: string }> };

    expect(body.alerts.map((alert) => alert.createdAt)).toEqual(['2026-04-01T00:00:00.000Z']);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['before=yesterday', 'before'],
    ['kind=everything', 'kind'],
    ['workspace=wsp_x', 'workspace'],
  ])('refuses %s, naming the field', async (query, field) => {
    const response = await call(`/api/v1/alerts?${query}`, { headers: viewer.headers });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field });
  });
});

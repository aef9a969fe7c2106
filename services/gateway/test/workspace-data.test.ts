import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestEnv } from './env';
import { call, newWorkspace, withJson } from './helpers';
import { seedCosts, seedUsage, workspaceIdOf } from './seed-records';

const testEnv = env as unknown as TestEnv;

async function countRecords(workspaceId: string): Promise<{ costs: number; usage: number }> {
  const count = async (table: string) =>
    (
      await testEnv.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = ?`)
        .bind(workspaceId)
        .first<{ n: number }>()
    )?.n ?? -1;
  return { costs: await count('cost_records'), usage: await count('usage_records') };
}

async function auditEvents(token: string, action: string) {
  const response = await call('/api/v1/audit?limit=500', {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as {
    events: Array<{ action: string; connectionId: string | null; detail: Record<string, unknown> }>;
  };
  return body.events.filter((event) => event.action === action);
}

describe('GET and PATCH /api/v1/workspace', () => {
  let token: string;
  beforeAll(async () => {
    ({ token } = await newWorkspace());
  });

  it('answers the defaults of a new workspace', async () => {
    const response = await call('/api/v1/workspace', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await response.json()).toEqual({
      id: await workspaceIdOf(token),
      name: expect.stringMatching(/'s workspace$/),
      timeZone: 'UTC',
      weekStart: 'monday',
      retentionDays: 730,
      alertRecipients: [],
    });
  });

  it('changes the settings it is sent and keeps the others', async () => {
    const patch = {
      timeZone: 'America/Los_Angeles',
      weekStart: 'sunday',
      retentionDays: 92,
      alertRecipients: ['Finance@Example.com', 'ops@example.com'],
    };
    const response = await call('/api/v1/workspace', withJson(patch, { token }, 'PATCH'));
    expect(await response.json()).toMatchObject({
      ...patch,
      alertRecipients: ['finance@example.com', 'ops@example.com'],
    });
    const renamed = await call(
      '/api/v1/workspace',
      withJson({ name: 'Acme AI' }, { token }, 'PATCH'),
    );
    expect(await renamed.json()).toMatchObject({
      name: 'Acme AI',
      timeZone: 'America/Los_Angeles',
      weekStart: 'sunday',
    });
    expect(await auditEvents(token, 'workspace.updated')).toHaveLength(2);
  });

  it.each([
    [{}, undefined],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ timeZone: '+02:00' }, 'timeZone'],
    [{ weekStart: 'funday' }, 'weekStart'],
    [{ weekStart: 1 }, 'weekStart'],
    [{ retentionDays: 91 }, 'retentionDays'],
    [{ retentionDays: 3651 }, 'retentionDays'],
    [{ retentionDays: 100.5 }, 'retentionDays'],
    [{ alertRecipients: ['not-an-address'] }, 'alertRecipients.0'],
    [
      { alertRecipients: Array.from({ length: 21 }, (_, i) => `a${i}@example.com`) },
      'alertRecipients',
    ],
    [{ name: '' }, 'name'],
    [{ name: 'line\nbreak' }, 'name'],
    [{ id: 'wsp_aaaaaaaaaaaaaaaaaaaa' }, 'id'],
  ])('answers 400 for %j naming %s', async (body, field) => {
    const response = await call('/api/v1/workspace', withJson(body, { token }, 'PATCH'));
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; field?: string };
    expect([problem.code, problem.field]).toEqual(['validation_failed', field]);
  });
});

describe('DELETE /api/v1/data', () => {
  let token: string;
  let workspaceId: string;
  let connectionId: string;

  beforeAll(async () => {
    ({ token } = await newWorkspace());
    workspaceId = await workspaceIdOf(token);
    const created = await call(
      '/api/v1/connections',
      withJson(
        { provider: 'openai', label: 'Main', credential: 'sk-admin-sim-deletion' },
        { token },
      ),
    );
    connectionId = ((await created.json()) as { id: string }).id;
    const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
    await seedCosts(workspaceId, [
      ...days.map((day) => ({ connection: connectionId, provider: 'openai', day, micros: 1 })),
      {
        connection: 'con_bbbbbbbbbbbbbbbbbbbb',
        provider: 'anthropic',
        day: '2026-03-01',
        micros: 1,
      },
    ]);
    await seedUsage(
      workspaceId,
      days.map((day) => ({
        connection: connectionId,
        day,
        model: 'gpt-5',
        tokens: [1, 0, 0, 1],
        requests: 1,
      })),
    );
  });

  it("deletes one connection's records before a day, answers the counts and audits them", async () => {
    const response = await call(`/api/v1/data?connection=${connectionId}&before=2026-03-03`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await response.json()).toEqual({
      deleted: { costRecords: 2, usageRecords: 2, total: 4 },
      connection: connectionId,
      before: '2026-03-03',
    });
    expect(await countRecords(workspaceId)).toEqual({ costs: 2, usage: 1 });
    const events = await auditEvents(token, 'data.deleted');
    expect(events.map((event) => [event.connectionId, event.detail])).toEqual([
      [connectionId, { costRecords: 2, usageRecords: 2, before: '2026-03-03' }],
    ]);
  });

  it('deletes all the workspace data and nothing of another workspace', async () => {
    const other = await newWorkspace();
    const otherId = await workspaceIdOf(other.token);
    await seedCosts(otherId, [
      { connection: connectionId, provider: 'openai', day: '2026-03-01', micros: 1 },
    ]);

    const response = await call('/api/v1/data', {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await response.json()).toEqual({
      deleted: { costRecords: 2, usageRecords: 1, total: 3 },
      connection: null,
      before: null,
    });
    expect(await countRecords(workspaceId)).toEqual({ costs: 0, usage: 0 });
    expect(await countRecords(otherId)).toEqual({ costs: 1, usage: 0 });
  });

  it("answers 404 for another workspace's connection and deletes nothing", async () => {
    const other = await newWorkspace();
    const otherId = await workspaceIdOf(other.token);
    const theirs = await call(
      '/api/v1/connections',
      withJson(
        { provider: 'openai', label: 'Theirs', credential: 'sk-admin-sim-theirs' },
        { token: other.token },
      ),
    );
    const theirConnection = ((await theirs.json()) as { id: string }).id;
    await seedCosts(otherId, [
      { connection: theirConnection, provider: 'openai', day: '2026-03-01', micros: 1 },
    ]);

    const response = await call(`/api/v1/data?connection=${theirConnection}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(404);
    expect(await countRecords(otherId)).toEqual({ costs: 1, usage: 0 });
  });

  it.each([
    ['before=2026-3-1', 'before'],
    ['before=2026-02-30', 'before'],
    ['connection=con_x', 'connection'],
    ['workspace=wsp_aaaaaaaaaaaaaaaaaaaa', 'workspace'],
  ])('answers 400 for %s naming %s', async (query, field) => {
    const response = await call(`/api/v1/data?${query}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { call, newWorkspace, withJson } from './helpers';
import { seedCosts, workspaceIdOf } from './seed-records';

const RANGE = 'from=2026-03-01&to=2026-04-01';

let auth: { token: string };
let headers: Record<string, string>;

async function spendByTag(): Promise<Array<[string, string, number]>> {
  const response = await call(`/api/v1/spend?${RANGE}&group_by=tag`, { headers });
  const body = (await response.json()) as {
    rows: Array<{ key: string; currency: string; amountMicros: number }>;
  };
  return body.rows.map((row) => [row.key, row.currency, row.amountMicros]);
}

async function createTag(body: unknown): Promise<Response> {
  return call('/api/v1/tags', withJson(body, auth));
}

beforeAll(async () => {
  const { token } = await newWorkspace();
  auth = { token };
  headers = { authorization: `Bearer ${token}` };
  await seedCosts(await workspaceIdOf(token), [
    {
      connection: 'con_a',
      provider: 'openai',
      day: '2026-03-01',
      model: 'gpt-5',
      projectId: 'proj_research',
      micros: 10_000_000,
    },
    {
      connection: 'con_a',
      provider: 'openai',
      day: '2026-03-02',
      model: 'gpt-5-mini',
      projectId: 'proj_support',
      micros: 2_000_000,
    },
    {
      connection: 'con_b',
      provider: 'anthropic',
      day: '2026-03-03',
      model: 'claude-opus-4',
      projectId: 'wrkspc_research',
      micros: 7_000_000,
    },
    {
      connection: 'con_b',
      provider: 'anthropic',
      day: '2026-03-04',
      model: null,
      micros: 1_000_000,
    },
    {
      connection: 'con_c',
      provider: 'mistral',
      day: '2026-03-05',
      model: 'mistral-large',
      currency: 'EUR',
      micros: 5_500_000,
    },
  ]);
});

describe('tags and GET /api/v1/spend?group_by=tag', () => {
  let research: { id: string };
  let openai: { id: string };

  it('shows spend no tag matches as untagged', async () => {
    expect(await spendByTag()).toEqual([
      ['untagged', 'USD', 20_000_000],
      ['untagged', 'EUR', 5_500_000],
    ]);
  });

  it('creates tags and gives each record to the first matching tag by priority', async () => {
    const created = await createTag({
      name: 'Research',
      rules: [
        { field: 'project', match: 'prefix', value: 'proj_research' },
        { field: 'project', match: 'prefix', value: 'wrkspc_research' },
      ],
    });
    expect(created.status).toBe(201);
    research = (await created.json()) as { id: string };
    expect(research).toMatchObject({ name: 'Research', priority: 1 });
    openai = (await (
      await createTag({
        name: 'OpenAI',
        rules: [{ field: 'provider', match: 'exact', value: 'openai' }],
      })
    ).json()) as { id: string };

    expect(await spendByTag()).toEqual([
      ['Research', 'USD', 17_000_000],
      ['untagged', 'EUR', 5_500_000],
      ['OpenAI', 'USD', 2_000_000],
      ['untagged', 'USD', 1_000_000],
    ]);
  });

  it('never counts a record twice: totals by tag equal the total', async () => {
    const response = await call(`/api/v1/spend?${RANGE}&group_by=tag`, { headers });
    const body = (await response.json()) as {
      rows: Array<{ currency: string; amountMicros: number }>;
      totals: Array<{ currency: string; amountMicros: number }>;
    };
    const usd = body.rows
      .filter((row) => row.currency === 'USD')
      .reduce((sum, row) => sum + row.amountMicros, 0);
    expect(usd).toBe(20_000_000);
    expect(body.totals).toEqual([
      { currency: 'EUR', amountMicros: 5_500_000, amount: '5.50' },
      { currency: 'USD', amountMicros: 20_000_000, amount: '20.00' },
    ]);
  });

  it('applies a priority change to spend already stored', async () => {
    const patched = await call(
      `/api/v1/tags/${openai.id}`,
      withJson({ priority: 0 }, auth, 'PATCH'),
    );
    expect(patched.status).toBe(200);
    expect(await spendByTag()).toEqual([
      ['OpenAI', 'USD', 12_000_000],
      ['Research', 'USD', 7_000_000],
      ['untagged', 'EUR', 5_500_000],
      ['untagged', 'USD', 1_000_000],
    ]);
  });

  it('applies new rules to spend already stored', async () => {
    const rules = [{ field: 'connection', match: 'exact', value: 'con_b' }];
    const patched = await call(`/api/v1/tags/${research.id}`, withJson({ rules }, auth, 'PATCH'));
    expect(await patched.json()).toMatchObject({ id: research.id, name: 'Research', rules });
    expect(await spendByTag()).toEqual([
      ['OpenAI', 'USD', 12_000_000],
      ['Research', 'USD', 8_000_000],
      ['untagged', 'EUR', 5_500_000],
    ]);
  });

  it('lists tags in the order they claim spend', async () => {
    const response = await call('/api/v1/tags', { headers });
    const body = (await response.json()) as { tags: Array<{ name: string; priority: number }> };
    expect(body.tags.map((tag) => [tag.name, tag.priority])).toEqual([
      ['OpenAI', 0],
      ['Research', 1],
    ]);
  });

  it('gives a deleted tag spend back to the other tags or untagged', async () => {
    const deleted = await call(`/api/v1/tags/${openai.id}`, { method: 'DELETE', headers });
    expect(deleted.status).toBe(204);
    expect(await spendByTag()).toEqual([
      ['untagged', 'USD', 12_000_000],
      ['Research', 'USD', 8_000_000],
      ['untagged', 'EUR', 5_500_000],
    ]);
  });
});

describe('POST /api/v1/tags/preview', () => {
  it('shows what rules would match, with the tag that spend falls under now, and saves nothing', async () => {
    const response = await call(
      '/api/v1/tags/preview',
      withJson(
        {
          rules: [{ field: 'model', match: 'prefix', value: 'gpt-5' }],
          from: '2026-03-01',
          to: '2026-04-01',
        },
        auth,
      ),
    );
    expect(await response.json()).toEqual({
      from: '2026-03-01',
      to: '2026-04-01',
      records: 2,
      totals: [{ currency: 'USD', amountMicros: 12_000_000, amount: '12.00' }],
      groups: [
        {
          provider: 'openai',
          connectionId: 'con_a',
          model: 'gpt-5',
          projectId: 'proj_research',
          apiKeyId: null,
          currency: 'USD',
          amountMicros: 10_000_000,
          amount: '10.00',
          records: 1,
          currentTag: null,
        },
        {
          provider: 'openai',
          connectionId: 'con_a',
          model: 'gpt-5-mini',
          projectId: 'proj_support',
          apiKeyId: null,
          currency: 'USD',
          amountMicros: 2_000_000,
          amount: '2.00',
          records: 1,
          currentTag: null,
        },
      ],
    });
    const tags = (await (await call('/api/v1/tags', { headers })).json()) as { tags: unknown[] };
    expect(tags.tags).toHaveLength(1);
  });
});

describe('tag validation and isolation', () => {
  it.each([
    [{ name: 'Untagged', rules: [{ field: 'model', match: 'exact', value: 'x' }] }, 'name'],
    [{ name: '', rules: [{ field: 'model', match: 'exact', value: 'x' }] }, 'name'],
    [{ name: 'A', rules: [] }, 'rules'],
    [{ name: 'A', rules: [{ field: 'region', match: 'exact', value: 'x' }] }, 'rules.0.field'],
    [{ name: 'A', rules: [{ field: 'model', match: 'regex', value: 'x' }] }, 'rules.0.match'],
    [{ name: 'A', rules: [{ field: 'model', match: 'prefix', value: '' }] }, 'rules.0.value'],
    [
      { name: 'A', rules: [{ field: 'model', match: 'prefix', value: 'x', extra: 1 }] },
      'rules.0.extra',
    ],
  ])('answers 400 for %j naming %s', async (body, field) => {
    const response = await createTag(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field });
  });

  it('answers 409 for a name the workspace has, whatever its case', async () => {
    const response = await createTag({
      name: 'RESEARCH',
      rules: [{ field: 'model', match: 'exact', value: 'x' }],
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'conflict', field: 'name' });
  });

  it("answers 404 to another workspace's tag and leaves it as it was", async () => {
    const other = await newWorkspace();
    const theirs = (await (
      await call(
        '/api/v1/tags',
        withJson(
          { name: 'Theirs', rules: [{ field: 'model', match: 'exact', value: 'x' }] },
          { token: other.token },
        ),
      )
    ).json()) as { id: string };

    const patched = await call(
      `/api/v1/tags/${theirs.id}`,
      withJson({ rules: [{ field: 'model', match: 'prefix', value: 'g' }] }, auth, 'PATCH'),
    );
    const deleted = await call(`/api/v1/tags/${theirs.id}`, { method: 'DELETE', headers });
    expect([patched.status, deleted.status]).toEqual([404, 404]);

    const listed = await call('/api/v1/tags', {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(await listed.json()).toMatchObject({
      tags: [
        { id: theirs.id, name: 'Theirs', rules: [{ field: 'model', match: 'exact', value: 'x' }] },
      ],
    });
  });
});

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { TestEnv } from './env';
import focusMixed from './fixtures/focus-mixed.csv?raw';
import mistralUsage from './fixtures/mistral-usage.csv?raw';
import perplexityUsage from './fixtures/perplexity-usage.csv?raw';
import { authHeaders, call, newWorkspace, withJson, type Auth } from './helpers';

const testEnv = env as unknown as TestEnv;

async function importConnection(auth: Auth, provider: string): Promise<string> {
  const response = await call(
    '/api/v1/connections',
    withJson({ kind: 'import', provider, label: `${provider} exports` }, auth),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

function upload(auth: Auth, id: string, csv: string, query = ''): Promise<Response> {
  return call(`/api/v1/connections/${id}/imports${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', ...authHeaders(auth) },
    body: csv,
  });
}

async function storedRecords(connectionId: string): Promise<number> {
  const row = await testEnv.DB.prepare(
    'SELECT count(*) AS n FROM cost_records WHERE connection_id = ?',
  )
    .bind(connectionId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

async function spendTotals(auth: Auth) {
  const response = await call('/api/v1/spend?from=2026-09-01&to=2026-11-01', {
    headers: authHeaders(auth),
  });
  return ((await response.json()) as { totals: unknown }).totals;
}

describe('POST /api/v1/connections with kind import', () => {
  it('creates a connection that holds no credential', async () => {
    const { token } = await newWorkspace();
    const response = await call(
      '/api/v1/connections',
      withJson({ kind: 'import', provider: 'mistral', label: 'Mistral exports' }, { token }),
    );
    expect(response.status).toBe(201);
    const connection = (await response.json()) as { id: string };
    expect(connection).toMatchObject({ provider: 'mistral', kind: 'import', status: 'ok' });
    const vault = await testEnv.VAULT_DB.prepare(
      'SELECT count(*) AS n FROM credentials WHERE connection_id = ?',
    )
      .bind(connection.id)
      .first<{ n: number }>();
    expect(vault?.n).toBe(0);
  });

  it.each([
    [{ kind: 'import', provider: 'mistral', label: 'x', credential: 'k' }, 'credential'],
    [{ kind: 'import', provider: 'nope', label: 'x' }, 'provider'],
    [{ kind: 'import', provider: 'mistral', label: '' }, 'label'],
    [{ kind: 'upload', provider: 'mistral', label: 'x' }, 'kind'],
    [{ provider: 'mistral', label: 'x', credential: 'k' }, 'provider'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const { token } = await newWorkspace();
    const response = await call('/api/v1/connections', withJson(body, { token }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field });
  });
});

describe('POST /api/v1/connections/:id/imports', () => {
  it('previews a file exactly and writes nothing', async () => {
    const { token } = await newWorkspace();
    const id = await importConnection({ token }, 'perplexity');
    const response = await upload({ token }, id, perplexityUsage, '?preview=true');
    expect(response.status).toBe(200);
    const preview = (await response.json()) as Record<string, unknown>;
    expect(preview).toMatchObject({
      preview: true,
      imported: false,
      alreadyImported: false,
      format: 'perplexity-usage',
      rows: 3,
      days: { first: '2026-10-01', last: '2026-10-02', count: 2 },
      currencies: ['USD'],
      totals: [{ currency: 'USD', amountMicros: 23_075_000, amount: '23.075' }],
    });
    expect((preview.sample as unknown[]).length).toBe(3);
    expect(await storedRecords(id)).toBe(0);
  });

  it('imports every row, and the same file again changes nothing', async () => {
    const { token } = await newWorkspace();
    const id = await importConnection({ token }, 'perplexity');
    const first = await upload({ token }, id, perplexityUsage);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ imported: true, rows: 3 });
    const totals = [{ currency: 'USD', amountMicros: 23_075_000, amount: '23.075' }];
    expect(await spendTotals({ token })).toEqual(totals);

    const again = await upload({ token }, id, perplexityUsage);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ imported: false, alreadyImported: true });
    expect(await storedRecords(id)).toBe(3);
    expect(await spendTotals({ token })).toEqual(totals);
  });

  it('keeps EUR apart from USD in the spend totals', async () => {
    const { token } = await newWorkspace();
    const mistral = await importConnection({ token }, 'mistral');
    const perplexity = await importConnection({ token }, 'perplexity');
    expect((await upload({ token }, mistral, mistralUsage)).status).toBe(201);
    expect((await upload({ token }, perplexity, perplexityUsage)).status).toBe(201);
    expect(await spendTotals({ token })).toEqual([
      { currency: 'EUR', amountMicros: 8_310_300, amount: '8.3103' },
      { currency: 'USD', amountMicros: 23_075_000, amount: '23.075' },
    ]);
  });

  it('imports a FOCUS file for any provider, credits and taxes included', async () => {
    const { token } = await newWorkspace();
    const id = await importConnection({ token }, 'google');
    const response = await upload({ token }, id, focusMixed);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      format: 'focus',
      totals: [
        { currency: 'EUR', amountMicros: 3_200_000, amount: '3.20' },
        { currency: 'USD', amountMicros: 7_445_677, amount: '7.445677' },
      ],
    });
  });

  it('refuses a malformed file naming line and column, and writes nothing', async () => {
    const { token } = await newWorkspace();
    const id = await importConnection({ token }, 'mistral');
    const broken = `${mistralUsage}2026-10-04,mistral-small-latest,10,12.5.0\n2026-10-05,x,1,1\n`;
    const response = await upload({ token }, id, broken);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      type: 'https://stax.dev/problems/validation-failed',
      title:
        'The file cannot be imported: line 5, column 4 (amount) must be a decimal amount such as 12.50.',
      status: 400,
      code: 'validation_failed',
      requestId: response.headers.get('x-request-id'),
      detail: 'Nothing was imported. Fix the file and send it again.',
      field: 'file',
      line: 5,
      column: 4,
      columnName: 'amount',
    });
    expect(await storedRecords(id)).toBe(0);
  });

  it('refuses a file that is not CSV with 415', async () => {
    const { token } = await newWorkspace();
    const id = await importConnection({ token }, 'mistral');
    const response = await call(
      `/api/v1/connections/${id}/imports`,
      withJson({ rows: [] }, { token }),
    );
    expect(response.status).toBe(415);
  });

  it('refuses a file over 5 MB with 413', async () => {
    const { token } = await newWorkspace();
    const id = await importConnection({ token }, 'mistral');
    const response = await upload({ token }, id, 'x'.repeat(5 * 1024 * 1024 + 1));
    expect(response.status).toBe(413);
  });

  it("answers 404 for another workspace's connection", async () => {
    const owner = await newWorkspace();
    const stranger = await newWorkspace();
    const id = await importConnection({ token: owner.token }, 'mistral');
    const response = await upload({ token: stranger.token }, id, mistralUsage);
    expect(response.status).toBe(404);
    expect(await storedRecords(id)).toBe(0);
  });

  it('answers 409 for a connection of another kind', async () => {
    const { token } = await newWorkspace();
    const created = await call(
      '/api/v1/connections',
      withJson({ provider: 'openai', label: 'API', credential: 'sk-admin-sim-acme' }, { token }),
    );
    const { id } = (await created.json()) as { id: string };
    expect((await upload({ token }, id, mistralUsage)).status).toBe(409);
  });
});

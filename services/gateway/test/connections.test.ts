import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, newWorkspace, withJson, type Auth } from './helpers';
import type { TestEnv } from './env';

const testEnv = env as unknown as TestEnv;

const OPENAI_KEY = 'sk-admin-sim-acme';

async function connect(auth: Auth, body: Record<string, unknown>): Promise<Response> {
  return call('/api/v1/connections', withJson(body, auth));
}

async function vaultRows(): Promise<number> {
  const row = await testEnv.VAULT_DB.prepare('SELECT count(*) AS n FROM credentials').first<{
    n: number;
  }>();
  return row?.n ?? 0;
}

describe('POST /api/v1/connections', () => {
  it('stores the key encrypted and answers the connection without it', async () => {
    const { token } = await newWorkspace();
    const response = await connect(
      { token },
      { provider: 'openai', label: 'Prod', credential: OPENAI_KEY },
    );
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toContain(OPENAI_KEY);
    const connection = JSON.parse(text) as Record<string, unknown>;
    expect(connection).toMatchObject({
      provider: 'openai',
      kind: 'api',
      label: 'Prod',
      status: 'syncing',
      lastSyncedAt: null,
      lastError: null,
    });
    expect(response.headers.get('location')).toBe(`/api/v1/connections/${String(connection.id)}`);

    const stored = await testEnv.VAULT_DB.prepare(
      'SELECT envelope FROM credentials WHERE connection_id = ?',
    )
      .bind(connection.id)
      .first<{ envelope: ArrayBuffer }>();
    const envelopeText = new TextDecoder().decode(
      new Uint8Array(stored?.envelope ?? new ArrayBuffer(0)),
    );
    expect(envelopeText.length).toBeGreaterThan(0);
    expect(envelopeText).not.toContain(OPENAI_KEY);
  });

  it('answers 422 and stores nothing when the provider rejects the key', async () => {
    const { token } = await newWorkspace();
    const before = await vaultRows();
    const response = await connect(
      { token },
      {
        provider: 'anthropic',
        label: 'Old',
        credential: 'sk-ant-admin01-sim-rejected',
      },
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      code: 'credential_rejected',
      field: 'credential',
    });
    expect(await vaultRows()).toBe(before);
  });

  it('answers 502 when the provider cannot be reached', async () => {
    const { token } = await newWorkspace();
    const response = await connect(
      { token },
      {
        provider: 'openai',
        label: 'x',
        credential: 'sk-admin-sim-unreachable',
      },
    );
    expect(response.status).toBe(502);
  });

  it.each([
    [{ provider: 'openai', label: 'x', credential: 'sk-ant-admin01-abcdefgh' }, 'credential'],
    [{ provider: 'openai', label: 'x', credential: 'not a key at all' }, 'credential'],
    [{ provider: 'openai', label: 'x', credential: 'sk-admin-\u0000\u0001binary' }, 'credential'],
    [{ provider: 'nope', label: 'x', credential: OPENAI_KEY }, 'provider'],
    [{ provider: 'openai', label: '', credential: OPENAI_KEY }, 'label'],
    [{ provider: 'openai', credential: OPENAI_KEY }, 'label'],
    [
      { provider: 'openai', label: 'x', credential: OPENAI_KEY, workspaceId: 'wsp_x' },
      'workspaceId',
    ],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const { token } = await newWorkspace();
    const before = await vaultRows();
    const response = await connect({ token }, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field });
    expect(await vaultRows()).toBe(before);
  });

  it('answers 413 for a 1 MB paste before reading it', async () => {
    const { token } = await newWorkspace();
    const before = await vaultRows();
    const huge = 'sk-admin-' + 'a'.repeat(1024 * 1024);
    const response = await connect({ token }, { provider: 'openai', label: 'x', credential: huge });
    expect(response.status).toBe(413);
    expect(await vaultRows()).toBe(before);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const { token } = await newWorkspace();
    const response = await call('/api/v1/connections', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'provider=openai',
    });
    expect(response.status).toBe(415);
  });
});

describe('connections of a workspace', () => {
  it('lists, shows, syncs and revokes, and hides them from other workspaces', async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    const created = await connect(
      { token: a.token },
      {
        provider: 'openai',
        label: 'Main',
        credential: OPENAI_KEY,
      },
    );
    const { id } = (await created.json()) as { id: string };

    const listed = (await (
      await call('/api/v1/connections', { headers: { authorization: `Bearer ${a.token}` } })
    ).json()) as {
      connections: Array<{ id: string }>;
    };
    expect(listed.connections.map((connection) => connection.id)).toEqual([id]);

    const foreign = { authorization: `Bearer ${b.token}` };
    expect((await call(`/api/v1/connections/${id}`, { headers: foreign })).status).toBe(404);
    expect(
      (await call(`/api/v1/connections/${id}/sync`, { method: 'POST', headers: foreign })).status,
    ).toBe(404);
    expect(
      (await call(`/api/v1/connections/${id}`, { method: 'DELETE', headers: foreign })).status,
    ).toBe(404);
    const bList = await call('/api/v1/connections', { headers: foreign });
    expect(await bList.json()).toEqual({ connections: [] });

    const own = { authorization: `Bearer ${a.token}` };
    const sync = await call(`/api/v1/connections/${id}/sync`, { method: 'POST', headers: own });
    expect(sync.status).toBe(202);

    const revoked = await call(`/api/v1/connections/${id}`, { method: 'DELETE', headers: own });
    expect(revoked.status).toBe(204);
    const row = await testEnv.VAULT_DB.prepare('SELECT 1 FROM credentials WHERE connection_id = ?')
      .bind(id)
      .first();
    expect(row).toBeNull();
    expect((await call(`/api/v1/connections/${id}`, { headers: own })).status).toBe(404);
  });

  it('answers 404 for an id that is not an id', async () => {
    const { token } = await newWorkspace();
    const response = await call('/api/v1/connections/..%2F..%2Fetc', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(404);
  });
});

describe('PUT /api/v1/connections/:id/credential', () => {
  it('replaces the key in place: same connection, new envelope, audited', async () => {
    const { token } = await newWorkspace();
    const created = await connect(
      { token },
      { provider: 'openai', label: 'Rotating', credential: OPENAI_KEY },
    );
    const { id } = (await created.json()) as { id: string };
    const envelopeOf = async () => {
      const row = await testEnv.VAULT_DB.prepare(
        'SELECT envelope FROM credentials WHERE connection_id = ?',
      )
        .bind(id)
        .first<{ envelope: ArrayBuffer }>();
      return Array.from(new Uint8Array(row?.envelope ?? new ArrayBuffer(0))).join(',');
    };
    const before = await envelopeOf();

    const rotated = await call(
      `/api/v1/connections/${id}/credential`,
      withJson({ credential: 'sk-admin-sim-acmenewkey' }, { token }, 'PUT'),
    );
    expect(rotated.status).toBe(200);
    expect(await rotated.text()).not.toContain('sk-admin-sim-acmenewkey');
    expect(
      (
        (await (
          await call(`/api/v1/connections/${id}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as { id: string }
      ).id,
    ).toBe(id);
    const after = await envelopeOf();
    expect(after).not.toBe('');
    expect(after).not.toBe(before);

    const audit = (await (
      await call(`/api/v1/audit?connection=${id}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as {
      events: Array<{ action: string }>;
    };
    expect(audit.events.map((event) => event.action)).toEqual([
      'credential.stored',
      'credential.rotated',
    ]);
  });

  it('answers 422 and keeps the old key when the provider rejects the new one', async () => {
    const { token } = await newWorkspace();
    const created = await connect(
      { token },
      { provider: 'openai', label: 'Kept', credential: OPENAI_KEY },
    );
    const { id } = (await created.json()) as { id: string };
    const rotated = await call(
      `/api/v1/connections/${id}/credential`,
      withJson({ credential: 'sk-admin-sim-rejected' }, { token }, 'PUT'),
    );
    expect(rotated.status).toBe(422);
  });
});

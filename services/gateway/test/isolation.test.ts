import { beforeAll, describe, expect, it } from 'vitest';
import { call, newWorkspace, withJson } from './helpers';

interface Workspace {
  token: string;
  workspaceId: string;
  connectionId: string;
  tokenId: string;
}

async function workspaceWithConnection(label: string): Promise<Workspace> {
  const { token } = await newWorkspace();
  const auth = { authorization: `Bearer ${token}` };
  const me = (await (await call('/api/v1/me', { headers: auth })).json()) as {
    workspace: { id: string };
  };
  const created = await call(
    '/api/v1/connections',
    withJson({ provider: 'openai', label, credential: 'sk-admin-sim-secretof' + label }, { token }),
  );
  const connection = (await created.json()) as { id: string };
  const tokens = (await (await call('/api/v1/tokens', { headers: auth })).json()) as {
    tokens: Array<{ id: string }>;
  };
  return {
    token,
    workspaceId: me.workspace.id,
    connectionId: connection.id,
    tokenId: tokens.tokens[0]?.id ?? '',
  };
}

let a: Workspace;
let b: Workspace;

beforeAll(async () => {
  a = await workspaceWithConnection('alpha');
  b = await workspaceWithConnection('bravo');
});

async function auditActions(workspace: Workspace): Promise<string[]> {
  const response = await call('/api/v1/audit?limit=500', {
    headers: { authorization: `Bearer ${workspace.token}` },
  });
  const body = (await response.json()) as { events: Array<{ action: string }> };
  return body.events.map((event) => event.action);
}

async function waitForDenials(workspace: Workspace, atLeast: number): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const denials = (await auditActions(workspace)).filter(
      (action) => action === 'access.cross_tenant_denied',
    );
    if (denials.length >= atLeast || Date.now() > deadline) return denials.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Every route that takes an id, tried with workspace B's id from workspace A.
const FOREIGN_ATTEMPTS: Array<[string, (target: Workspace) => [string, RequestInit]]> = [
  ['GET a connection', (t) => [`/api/v1/connections/${t.connectionId}`, {}]],
  ['sync a connection', (t) => [`/api/v1/connections/${t.connectionId}/sync`, { method: 'POST' }]],
  [
    'rotate a connection key',
    (t) => [
      `/api/v1/connections/${t.connectionId}/credential`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"credential":"sk-admin-sim-intruder"}',
      },
    ],
  ],
  ['revoke a connection', (t) => [`/api/v1/connections/${t.connectionId}`, { method: 'DELETE' }]],
  ['revoke a token', (t) => [`/api/v1/tokens/${t.tokenId}`, { method: 'DELETE' }]],
  ['filter the audit log by connection', (t) => [`/api/v1/audit?connection=${t.connectionId}`, {}]],
];

describe('workspace isolation', () => {
  it.each(FOREIGN_ATTEMPTS)('answers 404 with no byte of B to %s', async (_name, attempt) => {
    const [path, init] = attempt(b);
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${a.token}`);
    const response = await call(path, { ...init, headers });
    const text = await response.text();

    expect(response.status).toBe(404);
    expect(JSON.parse(text)).toMatchObject({ code: 'not_found', status: 404 });
    for (const secret of [b.workspaceId, b.connectionId, b.tokenId, 'bravo', 'secretofbravo']) {
      expect(text).not.toContain(secret);
    }
  });

  it("writes a cross-tenant event to B's log for each attempt, and none to A's", async () => {
    expect(await waitForDenials(b, FOREIGN_ATTEMPTS.length)).toBe(FOREIGN_ATTEMPTS.length);
    // A's own log must not tell A that B's ids exist.
    expect(await auditActions(a)).not.toContain('access.cross_tenant_denied');
  });

  it('leaves B untouched', async () => {
    const auth = { authorization: `Bearer ${b.token}` };
    const connection = await call(`/api/v1/connections/${b.connectionId}`, { headers: auth });
    expect(connection.status).toBe(200);
    expect(await auditActions(b)).not.toContain('credential.rotated');
  });

  it('ignores a workspace named in headers, and refuses one in a body', async () => {
    const headers = { authorization: `Bearer ${a.token}`, 'x-workspace-id': b.workspaceId };
    const list = await call('/api/v1/connections', { headers });
    const body = (await list.json()) as { connections: Array<{ id: string }> };
    expect(body.connections.map((connection) => connection.id)).toEqual([a.connectionId]);

    const create = await call(
      '/api/v1/connections',
      withJson(
        {
          provider: 'openai',
          label: 'x',
          credential: 'sk-admin-sim-abcdefgh',
          workspaceId: b.workspaceId,
        },
        { token: a.token },
      ),
    );
    expect(create.status).toBe(400);
  });

  it('refuses a session cookie whose value was edited', async () => {
    const response = await call('/api/v1/me', {
      headers: { cookie: 'stax_session=forged-session-value-0000000000000000' },
    });
    expect(response.status).toBe(401);
  });
});

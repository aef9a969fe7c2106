import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authHeaders, call, newWorkspace, withJson, type Auth } from './helpers';
import type { TestEnv } from './env';

const testEnv = env as unknown as TestEnv;
const TOKEN_URL = 'https://github.test/login/oauth/access_token';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Plays GitHub's token endpoint; records what the gateway sent it. */
function playTokenEndpoint(answer: Record<string, string>): URLSearchParams[] {
  const sent: URLSearchParams[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (request.url !== TOKEN_URL) return realFetch(input, init);
    sent.push(new URLSearchParams(await request.text()));
    return Response.json(answer);
  });
  return sent;
}

async function start(auth: Auth, query = 'org=acme-inc&label=Copilot'): Promise<Response> {
  return call(`/api/v1/connections/github/oauth/start?${query}`, { headers: authHeaders(auth) });
}

async function stateOf(auth: Auth): Promise<string> {
  const location = (await start(auth)).headers.get('location') ?? '';
  return new URL(location).searchParams.get('state') ?? '';
}

function callback(auth: { cookie: string }, state: string, code = 'code-1'): Promise<Response> {
  const query = new URLSearchParams({ code, state });
  return call(`/auth/github/callback?${query}`, { headers: { cookie: auth.cookie } });
}

async function githubConnections(workspaceToken: string) {
  const response = await call('/api/v1/connections', {
    headers: authHeaders({ token: workspaceToken }),
  });
  const { connections } = (await response.json()) as {
    connections: Array<Record<string, unknown>>;
  };
  return connections.filter((connection) => connection.provider === 'github');
}

describe('GET /api/v1/connections/github/oauth/start', () => {
  it('redirects to GitHub with the app id, the scope, the callback and a fresh state', async () => {
    const { cookie } = await newWorkspace();

    const response = await start({ cookie });

    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://github.test/login/oauth/authorize');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      client_id: 'stax-test-oauth-app',
      redirect_uri: 'https://stax.test/auth/github/callback',
      scope: 'manage_billing:copilot read:org',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const stored = await testEnv.DB.prepare('SELECT state_hash FROM oauth_states').all();
    expect(stored.results.map((row) => row.state_hash)).not.toContain(
      location.searchParams.get('state'),
    );
  });

  it.each([
    ['no organization', 'label=Copilot', 'org'],
    ['a bad organization', 'org=..%2Fadmin&label=Copilot', 'org'],
    ['no label', 'org=acme', 'label'],
  ])('refuses %s with 400 naming the field', async (_case, query, field) => {
    const { cookie } = await newWorkspace();
    const response = await start({ cookie }, query);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field });
  });

  it('refuses a caller who is not signed in', async () => {
    const response = await call('/api/v1/connections/github/oauth/start?org=acme&label=x');
    expect(response.status).toBe(401);
  });
});

describe('GET /auth/github/callback', () => {
  it('exchanges the code, stores the token in the vault and redirects home', async () => {
    const { cookie, token } = await newWorkspace();
    const state = await stateOf({ cookie });
    const sent = playTokenEndpoint({ access_token: 'gho_sim_octo', token_type: 'bearer' });

    const response = await callback({ cookie }, state);

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    expect(sent.map((form) => Object.fromEntries(form))).toEqual([
      {
        client_id: 'stax-test-oauth-app',
        client_secret: 'stax-test-oauth-secret',
        code: 'code-1',
        redirect_uri: 'https://stax.test/auth/github/callback',
      },
    ]);
    const connections = await githubConnections(token);
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({ kind: 'api', label: 'Copilot', status: 'syncing' });
    const row = await testEnv.DB.prepare('SELECT settings FROM connections WHERE id = ?')
      .bind(connections[0]?.id)
      .first<{ settings: string }>();
    expect(row?.settings).toBe('{"org":"acme-inc"}');
  });

  it('refuses the same state twice: the replay connects nothing', async () => {
    const { cookie, token } = await newWorkspace();
    const state = await stateOf({ cookie });
    playTokenEndpoint({ access_token: 'gho_sim_octo' });
    expect((await callback({ cookie }, state)).status).toBe(302);

    const replay = await callback({ cookie }, state, 'code-2');

    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ code: 'bad_request', field: 'state' });
    expect(await githubConnections(token)).toHaveLength(1);
  });

  it.each([
    ['a state Stax never issued', async () => 'forged-state-value'],
    ["another workspace's state", async () => stateOf({ cookie: (await newWorkspace()).cookie })],
  ])('refuses %s without calling GitHub', async (_case, stateFor) => {
    const { cookie, token } = await newWorkspace();
    const state = await stateFor();
    const sent = playTokenEndpoint({ access_token: 'gho_sim_octo' });

    const response = await callback({ cookie }, state);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'bad_request', field: 'state' });
    expect(sent).toEqual([]);
    expect(await githubConnections(token)).toEqual([]);
  });

  it('answers 502 and stores nothing when GitHub refuses the code', async () => {
    const { cookie, token } = await newWorkspace();
    const state = await stateOf({ cookie });
    playTokenEndpoint({ error: 'bad_verification_code' });

    const response = await callback({ cookie }, state);

    expect(response.status).toBe(502);
    expect(await githubConnections(token)).toEqual([]);
  });
});

describe('POST /api/v1/connections (GitHub with a pasted token)', () => {
  it('connects with the organization as a setting', async () => {
    const { token } = await newWorkspace();
    const body = { provider: 'github', label: 'Copilot', credential: 'ghp_sim_acme', org: 'acme' };

    const response = await call('/api/v1/connections', withJson(body, { token }));

    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ provider: 'github', kind: 'api' });
  });

  it('refuses a GitHub connection without an organization, naming the field', async () => {
    const { token } = await newWorkspace();
    const body = { provider: 'github', label: 'Copilot', credential: 'ghp_sim_acme' };

    const response = await call('/api/v1/connections', withJson(body, { token }));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field: 'org' });
  });
});

import { env } from 'cloudflare:workers';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, newWorkspace, withJson } from './helpers';

afterEach(() => vi.restoreAllMocks());

describe('GET /api/v1/audit', () => {
  it('lists the workspace events, filters by connection, and verifies the chain', async () => {
    const { token } = await newWorkspace();
    const auth = { authorization: `Bearer ${token}` };
    const created = await call(
      '/api/v1/connections',
      withJson(
        { provider: 'openai', label: '=HYPERLINK("x")', credential: 'sk-admin-sim-audited' },
        { token },
      ),
    );
    const { id } = (await created.json()) as { id: string };

    const all = (await (await call('/api/v1/audit', { headers: auth })).json()) as {
      events: Array<{ seq: number; action: string; connectionId: string | null; detail: object }>;
      nextAfter: number | null;
    };
    expect(all.events.map((event) => [event.seq, event.action])).toEqual([
      [1, 'auth.signed_in'],
      [2, 'token.created'],
      [3, 'credential.stored'],
    ]);
    expect(all.nextAfter).toBeNull();
    expect(JSON.stringify(all)).not.toContain('sk-admin-sim-audited');

    const filtered = (await (
      await call(`/api/v1/audit?connection=${id}`, { headers: auth })
    ).json()) as {
      events: Array<{ action: string }>;
    };
    expect(filtered.events.map((event) => event.action)).toEqual(['credential.stored']);

    const page = (await (await call('/api/v1/audit?limit=2', { headers: auth })).json()) as {
      events: unknown[];
      nextAfter: number;
    };
    expect(page.events).toHaveLength(2);
    expect(page.nextAfter).toBe(2);

    const verdict = await call('/api/v1/audit/verify', { headers: auth });
    expect(await verdict.json()).toMatchObject({ intact: true, events: 3 });
  });

  it('answers CSV for Accept: text/csv', async () => {
    const { token } = await newWorkspace();
    const response = await call('/api/v1/audit', {
      headers: { authorization: `Bearer ${token}`, accept: 'text/csv' },
    });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'seq,at,action,outcome,actorType,actorId,connectionId,requestId,detail,prevHash,hash',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^1,\d{4}-.*,auth\.signed_in,success,user,usr_/);
  });

  it.each(['limit=0', 'limit=501', 'connection=con_bad', 'from=yesterday', 'sort=desc'])(
    'answers 400 for %s',
    async (query) => {
      const { token } = await newWorkspace();
      const response = await call(`/api/v1/audit?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(400);
    },
  );
});

describe('/internal', () => {
  const workspaceQuery = async () => {
    const { token } = await newWorkspace();
    const me = await call('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    return `/internal/audit?workspace=${((await me.json()) as { workspace: { id: string } }).workspace.id}`;
  };

  it('shows a workspace audit log to the local operator token', async () => {
    const path = await workspaceQuery();
    const response = await call(path, {
      headers: { authorization: `Bearer ${(env as { OPERATOR_TOKEN: string }).OPERATOR_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ chain: { intact: true, events: 2 } });
  });

  it('shows it to a valid Cloudflare Access JWT, and 404s a forged one', async () => {
    const path = await workspaceQuery();
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256' };
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = new Request(input, init).url;
      if (url === 'https://stax-test.cloudflareaccess.com/cdn-cgi/access/certs') {
        return Response.json({ keys: [jwk] });
      }
      return realFetch(input, init);
    });
    const sign = (audience: string, key = privateKey) =>
      new SignJWT({ email: 'ops@stax.dev' })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer('https://stax-test.cloudflareaccess.com')
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);

    const valid = await call(path, {
      headers: { 'cf-access-jwt-assertion': await sign('stax-internal-test-audience') },
    });
    expect(valid.status).toBe(200);

    const wrongAudience = await call(path, {
      headers: { 'cf-access-jwt-assertion': await sign('other') },
    });
    expect(wrongAudience.status).toBe(404);

    const otherKey = (await generateKeyPair('RS256')).privateKey;
    const forged = await call(path, {
      headers: { 'cf-access-jwt-assertion': await sign('stax-internal-test-audience', otherKey) },
    });
    expect(forged.status).toBe(404);
  });

  it.each([
    ['/internal/audit', {}],
    ['/internal/audit?workspace=wsp_aaaaaaaaaaaaaaaaaaaa', { authorization: 'Bearer wrong' }],
    ['/internal/anything', { authorization: 'Bearer op-test-token-0123456789abcdef' }],
    ['/internal/waitlist', {}],
  ])('answers 404 to %s without valid operator access', async (path, headers) => {
    const response = await call(path, { headers });
    expect(response.status).toBe(404);
  });
});

describe('GET /.well-known/security.txt', () => {
  it('says where to report a vulnerability', async () => {
    const response = await call('/.well-known/security.txt');
    const text = await response.text();
    expect(text).toMatch(/^Contact: mailto:security@stax\.dev$/m);
    expect(text).toMatch(/^Expires: \d{4}-\d{2}-\d{2}T00:00:00\.000Z$/m);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, captureEmails, linkIn, signIn, withJson } from './helpers';

afterEach(() => vi.restoreAllMocks());

describe('sign-in by email link', () => {
  it('emails a link that signs in once and creates the first workspace', async () => {
    const outbox = captureEmails();
    const asked = await call('/api/v1/auth/login', withJson({ email: 'Dana@Example.com' }));
    expect(asked.status).toBe(202);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.to).toEqual(['dana@example.com']);
    expect(outbox[0]?.subject).toBe('Your Stax sign-in link');
    const link = linkIn(outbox[0]);
    vi.restoreAllMocks();

    const landing = await call(link.slice('https://stax.test'.length));
    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toBe('/');
    const setCookie = landing.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^stax_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000; Secure$/,
    );

    const me = await call('/api/v1/me', { headers: { cookie: setCookie.split(';')[0] ?? '' } });
    const body = (await me.json()) as {
      user: { email: string };
      role: string;
      workspace: { name: string };
    };
    expect(body.user.email).toBe('dana@example.com');
    expect(body.role).toBe('owner');
    expect(body.workspace.name).toBe("dana's workspace");

    const again = await call(link.slice('https://stax.test'.length));
    expect(again.status).toBe(400);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('signs the same address into the same workspace the second time', async () => {
    const first = await signIn('same@example.com');
    const second = await signIn('same@example.com');
    const workspaceOf = async (cookie: string) => {
      const me = await call('/api/v1/me', { headers: { cookie } });
      return ((await me.json()) as { workspace: { id: string } }).workspace.id;
    };
    expect(await workspaceOf(first.cookie)).toBe(await workspaceOf(second.cookie));
  });

  it('refuses a made-up or mangled token', async () => {
    for (const token of ['x'.repeat(43), 'short', '', '../../etc']) {
      const response = await call(`/auth/callback?token=${encodeURIComponent(token)}`);
      expect(response.status).toBe(400);
    }
  });

  it.each([
    [{}, 'email'],
    [{ email: 'not-an-email' }, 'email'],
    [{ email: 'a@example.com', extra: 1 }, 'extra'],
  ])('answers 400 for %j', async (body, field) => {
    captureEmails();
    const response = await call('/api/v1/auth/login', withJson(body));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { code: string; field?: string };
    expect(problem.code).toBe('validation_failed');
    if (field) expect(problem.field).toBe(field);
  });

  it('limits how many links one address can ask for', async () => {
    captureEmails();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await call('/api/v1/auth/login', withJson({ email: 'busy@example.com' }));
      statuses.push(response.status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('ends the session on logout', async () => {
    const session = await signIn('leaving@example.com');
    const out = await call('/api/v1/auth/logout', { method: 'POST', headers: session });
    expect(out.status).toBe(204);
    const me = await call('/api/v1/me', { headers: session });
    expect(me.status).toBe(401);
  });
});

describe('API tokens', () => {
  it('creates a token shown once that authenticates, and revokes it', async () => {
    const session = await signIn('tokens@example.com');
    const created = await call('/api/v1/tokens', withJson({ name: 'ci' }, session));
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect(token).toMatch(/^stax_[\w-]{43}$/);

    const listed = await call('/api/v1/tokens', { headers: session });
    expect(JSON.stringify(await listed.json())).not.toContain(token);

    const me = await call('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);

    const revoked = await call(`/api/v1/tokens/${id}`, { method: 'DELETE', headers: session });
    expect(revoked.status).toBe(204);
    const after = await call('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
  });

  it.each([
    ['Bearer stax_notarealtokenatallnotarealtoken'],
    ['Bearer '],
    ['Basic abc'],
    ['stax_abc'],
  ])('answers 401 for Authorization %j', async (authorization) => {
    const response = await call('/api/v1/me', { headers: { authorization } });
    expect(response.status).toBe(401);
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ code: 'unauthenticated', status: 401 });
    expect(problem.requestId).toMatch(/^req_[0-9a-f]{20}$/);
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { router } from '../src/router';
import { call, newWorkspace } from './helpers';

type Role = 'viewer' | 'admin' | 'owner';
/**
 * Who may call a route: the least role; `session` for routes only a signed-in person may call
 * (an API token of any role is refused); `public` for routes that take no credential (they
 * carry their own proof: a link token, a webhook signature); `operator` for /internal.
 */
type Access = Role | 'session' | 'public' | 'operator';

const NO_CONNECTION = 'con_aaaaaaaaaaaaaaaaaaaa';
const NO_ID: Record<string, string> = {
  '/api/v1/connections/:id': NO_CONNECTION,
  '/api/v1/tokens/:id': 'tok_aaaaaaaaaaaaaaaaaaaa',
  '/api/v1/budgets/:id': 'bud_aaaaaaaaaaaaaaaaaaaa',
  '/api/v1/members/invitations/:id': 'inv_aaaaaaaaaaaaaaaaaaaa',
  '/api/v1/members/:id': 'usr_aaaaaaaaaaaaaaaaaaaa',
  '/api/v1/tags/:id': 'tag_aaaaaaaaaaaaaaaaaaaa',
  '/api/v1/workspaces/:id': 'wsp_aaaaaaaaaaaaaaaaaaaa',
};

/**
 * Every route of the router with its access, and a request that reaches the role check: an
 * allowed role then gets past it (to a 2xx, 400 or 404 on ids that do not exist), never a 401
 * or 403. Bodies are chosen so that an allowed call changes nothing and calls nowhere.
 */
const ROUTES: Record<string, { access: Access; query?: string; body?: unknown }> = {
  'GET /.well-known/security.txt': { access: 'public' },
  'GET /auth/callback': { access: 'public' },
  'GET /auth/github/callback': { access: 'public' },
  'GET /auth/invitation': { access: 'public' },
  'GET /api/v1/health': { access: 'public' },
  'GET /api/v1/config': { access: 'public' },
  'GET /api/v1/providers': { access: 'public' },
  'POST /api/v1/auth/login': { access: 'public' },
  'POST /api/v1/waitlist': { access: 'public' },
  'GET /waitlist/confirm': { access: 'public' },
  'POST /webhooks/stripe': { access: 'public' },
  'POST /api/v1/auth/logout': { access: 'viewer' },
  'GET /api/v1/me': { access: 'viewer' },
  'POST /api/v1/tokens': { access: 'admin', body: { name: 'role table', role: 'viewer' } },
  'GET /api/v1/tokens': { access: 'viewer' },
  'DELETE /api/v1/tokens/:id': { access: 'admin' },
  'GET /api/v1/connections/github/oauth/start': { access: 'admin', query: 'label=x&org=' },
  'POST /api/v1/connections': { access: 'admin', body: {} },
  'GET /api/v1/connections': { access: 'viewer' },
  'GET /api/v1/connections/:id': { access: 'viewer' },
  'POST /api/v1/connections/:id/sync': { access: 'admin' },
  'PUT /api/v1/connections/:id/credential': { access: 'admin', body: {} },
  'DELETE /api/v1/connections/:id': { access: 'admin' },
  'POST /api/v1/connections/:id/imports': { access: 'admin', body: {} },
  'GET /api/v1/connections/:id/plan': { access: 'viewer' },
  'PATCH /api/v1/connections/:id/plan': { access: 'admin', body: {} },
  'GET /api/v1/audit': { access: 'viewer' },
  'GET /api/v1/audit/verify': { access: 'viewer' },
  'GET /api/v1/spend': { access: 'viewer', query: 'from=2026-03-01&to=2026-04-01' },
  'GET /api/v1/spend/daily': { access: 'viewer', query: 'from=2026-03-01&to=2026-04-01' },
  'GET /api/v1/usage': { access: 'viewer', query: 'from=2026-03-01&to=2026-04-01' },
  'POST /api/v1/budgets': { access: 'admin', body: {} },
  'GET /api/v1/budgets': { access: 'viewer' },
  'GET /api/v1/budgets/:id': { access: 'viewer' },
  'PATCH /api/v1/budgets/:id': { access: 'admin', body: {} },
  'DELETE /api/v1/budgets/:id': { access: 'admin' },
  'GET /api/v1/alerts': { access: 'viewer' },
  'GET /api/v1/billing': { access: 'viewer' },
  'POST /api/v1/billing/checkout': { access: 'owner', body: {} },
  'POST /api/v1/billing/portal': { access: 'owner' },
  'GET /api/v1/workspace': { access: 'viewer' },
  'PATCH /api/v1/workspace': { access: 'admin', body: {} },
  'GET /api/v1/workspaces': { access: 'viewer' },
  'POST /api/v1/workspaces/:id/switch': { access: 'session' },
  'GET /api/v1/members': { access: 'viewer' },
  'POST /api/v1/members/invitations': { access: 'owner', body: {} },
  'GET /api/v1/members/invitations': { access: 'admin' },
  'DELETE /api/v1/members/invitations/:id': { access: 'owner' },
  'PATCH /api/v1/members/:id': { access: 'owner', body: { role: 'viewer' } },
  'DELETE /api/v1/members/:id': { access: 'owner' },
  'POST /api/v1/tags': { access: 'admin', body: {} },
  'GET /api/v1/tags': { access: 'viewer' },
  'POST /api/v1/tags/preview': { access: 'viewer', body: {} },
  'PATCH /api/v1/tags/:id': { access: 'admin', body: { name: 'x' } },
  'DELETE /api/v1/tags/:id': { access: 'admin' },
  'DELETE /api/v1/data': { access: 'admin', query: `connection=${NO_CONNECTION}` },
  'GET /api/v1/export/spend.csv': { access: 'viewer', query: 'from=2026-03-01&to=2026-04-01' },
  'GET /api/v1/export/focus.csv': { access: 'viewer', query: 'from=2026-03-01&to=2026-04-01' },
  'GET /internal/audit': { access: 'operator' },
  'POST /internal/kek/rewrap': { access: 'operator' },
  'GET /internal/waitlist': { access: 'operator' },
  'ALL /internal/*': { access: 'operator' },
};

const RANK: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };
const ROLES: Role[] = ['viewer', 'admin', 'owner'];

/** The routes of the router, as `METHOD /path`, in their order. */
const routeKeys = router.routes.map(([method, , , path]) => `${method} ${path ?? ''}`);

function concretePath(pattern: string): string {
  let path = pattern.replace('/*', '/anything');
  for (const [prefix, id] of Object.entries(NO_ID)) {
    if (path.startsWith(prefix.replace(':id', ''))) path = path.replace(':id', id);
  }
  return path;
}

function requestFor(key: string, headers: Record<string, string>): [string, RequestInit] {
  const [method = 'GET', pattern = '/'] = key.split(' ');
  const route = ROUTES[key];
  const path = concretePath(pattern) + (route?.query ? `?${route.query}` : '');
  const init: RequestInit = { method: method === 'ALL' ? 'GET' : method, headers: { ...headers } };
  if (route?.body !== undefined) {
    init.body = JSON.stringify(route.body);
    init.headers = { ...headers, 'content-type': 'application/json' };
  }
  return [path, init];
}

function allowed(access: Access, role: Role): boolean {
  if (access === 'session') return false;
  return RANK[access as Role] <= RANK[role];
}

const guarded = () =>
  routeKeys.filter((key) => !['public', 'operator'].includes(ROUTES[key]?.access ?? ''));

const tokens = {} as Record<Role, string>;
let ownerSession: { cookie: string };
let revokedToken: string;
const outbound: string[] = [];

beforeAll(async () => {
  const workspace = await newWorkspace();
  ownerSession = { cookie: workspace.cookie };
  for (const role of ROLES) {
    const created = await call('/api/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: workspace.cookie },
      body: JSON.stringify({ name: `${role} token`, role }),
    });
    tokens[role] = ((await created.json()) as { token: string }).token;
  }
  const doomed = await call('/api/v1/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: workspace.cookie },
    body: JSON.stringify({ name: 'revoked', role: 'owner' }),
  });
  const { id, token } = (await doomed.json()) as { id: string; token: string };
  await call(`/api/v1/tokens/${id}`, { method: 'DELETE', headers: { cookie: workspace.cookie } });
  revokedToken = token;
  // No route may reach out of the Worker in this table; an attempt is recorded and refused.
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    outbound.push(new Request(input).url);
    throw new Error('unexpected outbound request');
  });
});

afterAll(() => {
  vi.restoreAllMocks();
  expect(outbound).toEqual([]);
});

describe('the route table', () => {
  it('states the access of every route of the router', () => {
    const missing = routeKeys.filter((key) => ROUTES[key] === undefined);
    const stale = Object.keys(ROUTES).filter((key) => !routeKeys.includes(key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });
});

describe('every role on every route', () => {
  const cases = ROLES.flatMap((role) => guarded().map((key) => [role, key] as const));

  it.each(cases)(
    'a %s token on %s is allowed or refused with 403 as its access says',
    async (role, key) => {
      const access = ROUTES[key]?.access ?? 'public';
      const response = await call(...requestFor(key, { authorization: `Bearer ${tokens[role]}` }));

      if (allowed(access, role)) {
        expect([401, 403]).not.toContain(response.status);
        return;
      }
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({
        type: 'https://stax.dev/problems/forbidden',
        title: expect.stringMatching(/role|session/),
        status: 403,
        code: 'forbidden',
        requestId: response.headers.get('x-request-id'),
      });
    },
  );

  it('lets a signed-in owner call the session-only routes', async () => {
    const sessionOnly = routeKeys.filter((key) => ROUTES[key]?.access === 'session');
    for (const key of sessionOnly) {
      const response = await call(...requestFor(key, ownerSession));
      expect([401, 403]).not.toContain(response.status);
    }
  });

  it.each(ROLES)('answers 404 to a %s token on operator routes', async (role) => {
    const operatorRoutes = routeKeys.filter((key) => ROUTES[key]?.access === 'operator');
    for (const key of operatorRoutes) {
      const response = await call(...requestFor(key, { authorization: `Bearer ${tokens[role]}` }));
      expect(response.status).toBe(404);
    }
  });
});

describe('every guarded route refuses a missing or foreign credential', () => {
  const credentials: Array<[string, () => Record<string, string>]> = [
    ['no credential', () => ({})],
    ['a revoked token', () => ({ authorization: `Bearer ${revokedToken}` })],
    ['a made-up token', () => ({ authorization: `Bearer stax_${'x'.repeat(43)}` })],
    ['a forged session cookie', () => ({ cookie: `stax_session=${'A'.repeat(43)}` })],
    ['another scheme', () => ({ authorization: `Basic ${btoa('owner:password')}` })],
  ];
  const cases = credentials.flatMap(([name, headers]) =>
    guarded().map((key) => [name, key, headers] as const),
  );

  it.each(cases)('answers 401 to %s on %s', async (_name, key, headers) => {
    const response = await call(...requestFor(key, headers()));

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated', status: 401 });
  });
});

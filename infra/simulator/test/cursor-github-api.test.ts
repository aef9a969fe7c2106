import { describe, expect, it } from 'vitest';
import { cursorUsageEvents, githubSeats } from '../src/data';
import { cursorSimulatorKey, parseCursorKey } from '../src/team-keys';
import { useSimulator } from './simulator-harness';

const sim = useSimulator();

function cursorPost(key: string, path: string, body: unknown) {
  return sim.call('POST', path, {
    headers: {
      authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
}

const DAY_MS = {
  start: Date.parse('2026-11-02T00:00:00Z'),
  end: Date.parse('2026-11-03T00:00:00Z') - 1,
};

describe('simulated Cursor Admin API', () => {
  it('round-trips a team name and a mode through the key', () => {
    expect(cursorSimulatorKey('acme')).toBe(`key_61636d65${'0'.repeat(48)}00000000`);
    expect(parseCursorKey(cursorSimulatorKey('acme', 'forbidden'))).toEqual({
      org: 'acme',
      mode: 'forbidden',
    });
  });

  it('pages the events of a day, each with float cents as its wire text', async () => {
    const key = cursorSimulatorKey('pages');
    const events = cursorUsageEvents('pages', '2026-11-02');
    const body = { startDate: DAY_MS.start, endDate: DAY_MS.end, page: 1, pageSize: 5 };

    const answer = await cursorPost(key, '/teams/filtered-usage-events', body);

    expect(answer.status).toBe(200);
    const page = JSON.parse(answer.text) as { pagination: unknown; usageEvents: unknown[] };
    expect(page.pagination).toEqual({
      numPages: Math.ceil(events.length / 5),
      currentPage: 1,
      pageSize: 5,
      hasNextPage: true,
      hasPreviousPage: false,
    });
    const tokenBased = events.slice(0, 5).find((event) => event.tokenBased);
    expect(answer.text).toContain(`"totalCents":${tokenBased?.totalCentsText}`);
  });

  it('answers 429 with Retry-After past 20 calls a minute for one team', async () => {
    const key = cursorSimulatorKey('busy');
    const statuses: number[] = [];
    for (let call = 0; call < 21; call += 1) {
      statuses.push((await cursorPost(key, '/teams/spend', { page: 1, pageSize: 10 })).status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    const limited = await cursorPost(key, '/teams/spend', {});
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.text)).toEqual({
      error: 'Too Many Requests',
      message: 'Rate limit exceeded. Please try again later.',
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it.each([
    ['an unknown key', `key_${'f'.repeat(64)}`, 401],
    ['a forbidden key', cursorSimulatorKey('acme', 'forbidden'), 403],
  ])('refuses %s with %i', async (_case, key, status) => {
    expect((await cursorPost(key, '/teams/spend', {})).status).toBe(status);
  });
});

describe('simulated GitHub API and OAuth', () => {
  const headers = { authorization: 'Bearer ghp_sim_acme', 'user-agent': 'test' };

  it('pages the seat list with a Link header to the next and last pages', async () => {
    const answer = await sim.get('/orgs/acme/copilot/billing/seats?per_page=100&page=1', headers);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('link')).toBe(
      `<${sim.url()}/orgs/acme/copilot/billing/seats?per_page=100&page=2>; rel="next", ` +
        `<${sim.url()}/orgs/acme/copilot/billing/seats?per_page=100&page=2>; rel="last"`,
    );
    expect(JSON.parse(answer.text).total_seats).toBe(githubSeats('acme').length);
  });

  it('refuses an API version GitHub does not know', async () => {
    const answer = await sim.get('/orgs/acme/copilot/billing', {
      ...headers,
      'x-github-api-version': '2020-01-01',
    });
    expect(answer.status).toBe(400);
  });

  it('issues a code once: the second exchange of it fails as GitHub does', async () => {
    const authorize = await fetch(
      `${sim.url()}/login/oauth/authorize?client_id=stax-sim-oauth-app&state=s1` +
        '&redirect_uri=http%3A%2F%2Flocalhost%3A8787%2Fauth%2Fgithub%2Fcallback',
      { redirect: 'manual' },
    );
    const location = new URL(authorize.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('s1');
    const form = new URLSearchParams({
      client_id: 'stax-sim-oauth-app',
      client_secret: 'stax-sim-oauth-secret',
      code: location.searchParams.get('code') ?? '',
    }).toString();
    const post = () =>
      sim.call('POST', '/login/oauth/access_token', {
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form,
      });

    expect(JSON.parse((await post()).text)).toMatchObject({ access_token: 'gho_sim_octo' });
    expect(JSON.parse((await post()).text)).toMatchObject({ error: 'bad_verification_code' });
  });
});

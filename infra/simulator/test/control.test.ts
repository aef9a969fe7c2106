import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { anthropicAuth, openAiAuth, useSimulator } from './simulator-harness';

const sim = useSimulator();
const OPENAI_KEY = 'sk-admin-sim-acme';
const ANTHROPIC_KEY = 'sk-ant-admin01-sim-acme';
const RESEND_KEY = 're_secret_42';
const COSTS_QUERY = 'start_time=1767225600&end_time=1767312000';
const COSTS = `/v1/organization/costs?${COSTS_QUERY}`;

const fingerprint = (key: string): string =>
  createHash('sha256').update(key).digest('hex').slice(0, 12);

function setFaults(settings: Record<string, unknown>) {
  return sim.call('POST', '/_sim/faults', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
}

async function costStatuses(count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1)
    statuses.push((await sim.get(COSTS, openAiAuth(OPENAI_KEY))).status);
  return statuses;
}

beforeEach(async () => {
  await sim.call('DELETE', '/_sim/faults');
  await sim.call('DELETE', '/_sim/requests');
});

describe('GET /_sim/health', () => {
  it('answers ok', async () => {
    const response = await sim.get('/_sim/health');

    expect([response.status, response.text]).toEqual([200, '{"ok":true}']);
  });
});

describe('GET /_sim/requests', () => {
  it('logs every provider request with a key fingerprint and never the key', async () => {
    await sim.get(COSTS, openAiAuth(OPENAI_KEY));
    await sim.get(
      '/v1/organizations/cost_report?starting_at=2026-01-01T00:00:00Z',
      anthropicAuth(ANTHROPIC_KEY),
    );
    await sim.call('POST', '/emails', {
      headers: { authorization: `Bearer ${RESEND_KEY}` },
      body: '{}',
    });
    await sim.get('/v1/organization/costs', openAiAuth('sk-admin-live-real-looking-secret'));
    await sim.get('/_sim/health');
    const log = await sim.get('/_sim/requests');

    for (const secret of [OPENAI_KEY, ANTHROPIC_KEY, RESEND_KEY, 'real-looking-secret', 'Bearer']) {
      expect(log.text).not.toContain(secret);
    }
    expect(JSON.parse(log.text)).toEqual([
      {
        at: expect.any(String),
        method: 'GET',
        path: '/v1/organization/costs',
        query: COSTS_QUERY,
        status: 200,
        keyFingerprint: fingerprint(OPENAI_KEY),
      },
      {
        at: expect.any(String),
        method: 'GET',
        path: '/v1/organizations/cost_report',
        query: 'starting_at=2026-01-01T00:00:00Z',
        status: 200,
        keyFingerprint: fingerprint(ANTHROPIC_KEY),
      },
      {
        at: expect.any(String),
        method: 'POST',
        path: '/emails',
        query: '',
        status: 422,
        keyFingerprint: fingerprint(RESEND_KEY),
      },
      {
        at: expect.any(String),
        method: 'GET',
        path: '/v1/organization/costs',
        query: '',
        status: 401,
        keyFingerprint: fingerprint('sk-admin-live-real-looking-secret'),
      },
    ]);
  });

  it('records a missing key as a null fingerprint', async () => {
    await sim.get(COSTS);
    const [entry] = JSON.parse((await sim.get('/_sim/requests')).text) as Array<
      Record<string, unknown>
    >;

    expect(entry).toMatchObject({ status: 401, keyFingerprint: null });
  });

  it('is emptied by DELETE', async () => {
    await sim.get(COSTS, openAiAuth(OPENAI_KEY));
    const cleared = await sim.call('DELETE', '/_sim/requests');

    expect(JSON.parse(cleared.text)).toEqual({ deleted: 1 });
    expect((await sim.get('/_sim/requests')).text).toBe('[]');
  });
});

describe('/_sim/faults', () => {
  it('fails every provider request while rate429 is 1, with Retry-After', async () => {
    await setFaults({ rate429: 1 });
    const response = await sim.get(COSTS, openAiAuth(OPENAI_KEY));

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await costStatuses(3)).toEqual([429, 429, 429]);
  });

  it('answers 500 in the provider shape while rate500 is 1', async () => {
    await setFaults({ rate500: 1 });
    const response = await sim.get(
      '/v1/organizations/cost_report?starting_at=2026-01-01T00:00:00Z',
      anthropicAuth(ANTHROPIC_KEY),
    );

    expect(response.status).toBe(500);
    expect(JSON.parse(response.text)).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'Internal server error' },
    });
  });

  it('repeats the same fault sequence for the same seed', async () => {
    const settings = { rate429: 0.3, rate500: 0.2, seed: 7 };
    await setFaults(settings);
    const first = await costStatuses(30);
    await setFaults(settings);
    const second = await costStatuses(30);

    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
  });

  it('slows the chosen share of requests by slowMs', async () => {
    await setFaults({ slowMs: 300, slowRate: 1 });
    const started = performance.now();
    await sim.get(COSTS, openAiAuth(OPENAI_KEY));

    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('leaves control endpoints alone and resets on DELETE', async () => {
    await setFaults({ rate500: 1 });
    const health = await sim.get('/_sim/health');
    const reset = await sim.call('DELETE', '/_sim/faults');

    expect(health.status).toBe(200);
    expect(JSON.parse(reset.text)).toEqual({
      rate429: 0,
      rate500: 0,
      slowMs: 0,
      slowRate: 0,
      seed: 1,
    });
    expect(await costStatuses(2)).toEqual([200, 200]);
  });

  it('shows the settings in force', async () => {
    await setFaults({ rate429: 0.1, rate500: 0.05, seed: 3 });
    const response = await sim.get('/_sim/faults');

    expect(JSON.parse(response.text)).toEqual({
      rate429: 0.1,
      rate500: 0.05,
      slowMs: 0,
      slowRate: 0,
      seed: 3,
    });
  });

  it.each([
    [{ rate429: 2 }, 'rate429 must be a number from 0 to 1'],
    [{ slowMs: 1.5 }, 'slowMs must be an integer from 0 to 60000'],
    [{ rate429: 0.6, rate500: 0.6 }, 'rate429 + rate500 must not exceed 1'],
    [{ rate: 1 }, 'unknown setting rate'],
    [[1], 'body must be a JSON object'],
  ])('refuses %j with 400', async (settings, message) => {
    const response = await setFaults(settings as Record<string, unknown>);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({ error: message });
  });
});

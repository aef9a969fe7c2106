import { ok } from '@stax/contracts';
import { callsWithKey, daysOf, failure } from '@stax/sync/testing';
import { describe, expect, it } from 'vitest';
import { codexUsageDay } from '../../../infra/simulator/src/data';
import { FetcherEntrypoint } from '../src/index';
import { chatGptJob, deliver, fetcherEnv } from './harness';
import { createExecutionContext } from 'cloudflare:test';

const FROM = '2026-01-01';
const TO = '2026-04-01';
const WORKSPACE = { workspaceId: 'ws_acme' };
const PRICED = { workspaceId: 'ws_acme', creditPrice: '0.04', currency: 'USD' };

function days(org: string) {
  return daysOf(FROM, TO).flatMap((day) => {
    const usage = codexUsageDay(org, day);
    return usage ? [usage] : [];
  });
}

describe('fetcher-chatgpt queue handler against the simulator', () => {
  it('records 90 days of credits as consumed quantity and prices them exactly', async () => {
    const key = 'sk-chatgpt-sim-priced';
    const fetcher = fetcherEnv({ secret: key });

    expect(await deliver(fetcher.env, chatGptJob(FROM, TO, PRICED))).toEqual({
      acked: true,
      retries: [],
    });

    const costs = fetcher.aggregator.ingested.flatMap((batch) => batch.costs);
    const expected = days('priced').map((day) => ({
      recordKey: `cost|${day.day}|ws_acme|codex-credits`,
      // credits × $0.04: a hundredth of a credit is 400 micro-dollars, exactly.
      billedCostMicros: Number(day.centiCredits * 400n),
      consumedQuantity: Number(day.centiCredits) / 100,
    }));
    expect(
      costs.map(({ recordKey, billedCostMicros, consumedQuantity }) => ({
        recordKey,
        billedCostMicros,
        consumedQuantity,
      })),
    ).toEqual(expected);
    expect(
      new Set(costs.map((cost) => `${cost.currency} ${cost.consumedUnit} ${cost.source}`)),
    ).toEqual(new Set(['USD credits computed']));
    // 90 daily rows at 31 a page.
    expect(
      (await callsWithKey(key)).map((call) => new URLSearchParams(call.query).has('page')),
    ).toEqual([false, true, true]);
  });

  it('writes a zero cost it says it computed when no price per credit is configured', async () => {
    const fetcher = fetcherEnv({ secret: 'sk-chatgpt-sim-unpriced' });

    await deliver(fetcher.env, chatGptJob('2026-03-01', '2026-03-03', WORKSPACE));

    const [first] = fetcher.aggregator.ingested.flatMap((batch) => batch.costs);
    expect(first).toMatchObject({
      billedCostMicros: 0,
      source: 'computed',
      chargeDescription: 'Codex credits (no price per credit configured: cost not known)',
    });
  });

  it('records Codex tokens per day, with requests unknown', async () => {
    const fetcher = fetcherEnv({ secret: 'sk-chatgpt-sim-tokens' });

    await deliver(fetcher.env, chatGptJob('2026-03-01', '2026-03-03', WORKSPACE));

    const usage = fetcher.aggregator.ingested.flatMap((batch) => batch.usage);
    const day = codexUsageDay('tokens', '2026-03-01');
    expect(usage[0]).toEqual({
      recordKey: 'usage|2026-03-01|codex|ws_acme',
      chargePeriodStart: '2026-03-01T00:00:00Z',
      chargePeriodEnd: '2026-03-02T00:00:00Z',
      model: 'codex',
      projectId: 'ws_acme',
      apiKeyId: null,
      inputTokens: day?.inputTokens,
      cachedInputTokens: day?.cachedInputTokens,
      cacheWriteTokens: 0,
      outputTokens: day?.outputTokens,
      requests: null,
    });
  });

  it('asks for attention on a 401, acks and does not retry', async () => {
    const fetcher = fetcherEnv({ secret: 'sk-chatgpt-sim-acme-unauthorized' });

    expect(await deliver(fetcher.env, chatGptJob(FROM, TO, WORKSPACE))).toEqual({
      acked: true,
      retries: [],
    });
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'needs_attention',
      error: 'ChatGPT refused the analytics key (401). Check its access.',
    });
  });

  it('retries a 429 no sooner than Retry-After, with no further call', async () => {
    const key = 'sk-chatgpt-sim-acme-ratelimited';
    const fetcher = fetcherEnv({ secret: key });

    const settled = await deliver(fetcher.env, chatGptJob(FROM, TO, WORKSPACE));

    expect(settled.acked).toBe(false);
    expect(settled.retries[0]?.delaySeconds).toBeGreaterThanOrEqual(30);
    expect((await callsWithKey(key)).map((call) => call.status)).toEqual([429]);
  });

  it('reports failed on the last attempt of a 500 so the DLQ entry says why', async () => {
    const fetcher = fetcherEnv({ secret: 'sk-chatgpt-sim-acme-error500' });

    const settled = await deliver(fetcher.env, chatGptJob(FROM, TO, WORKSPACE), 6);

    expect(settled.acked).toBe(false);
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'failed',
      error: 'ChatGPT answered with an error (500).',
    });
  });

  it('makes no provider call after the key is revoked', async () => {
    const key = 'sk-chatgpt-sim-revoked';
    const fetcher = fetcherEnv({ secret: key, describe: () => failure('not_found', false) });

    expect(await deliver(fetcher.env, chatGptJob(FROM, TO, WORKSPACE))).toEqual({
      acked: true,
      retries: [],
    });
    expect(await callsWithKey(key)).toEqual([]);
    expect(fetcher.aggregator.ingested).toEqual([]);
  });

  it('asks for attention when the job has no workspace id', async () => {
    const fetcher = fetcherEnv({ secret: 'sk-chatgpt-sim-nows', describe: () => ok(null) });

    await deliver(fetcher.env, chatGptJob(FROM, TO, {}));

    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({ outcome: 'needs_attention' });
  });
});

describe('FetcherEntrypoint.checkCredential (ChatGPT)', () => {
  const entrypoint = () =>
    new FetcherEntrypoint(createExecutionContext(), fetcherEnv({ secret: '' }).env);

  it('accepts a key ChatGPT answers for, with one read of one row', async () => {
    const key = 'sk-chatgpt-sim-checkok';
    expect(await entrypoint().checkCredential(key, 'req-1', WORKSPACE)).toEqual(ok(null));
    const calls = await callsWithKey(key);
    expect(calls.map((call) => call.path)).toEqual([
      '/v1/analytics/codex/workspaces/ws_acme/usage',
    ]);
  });

  it.each([
    ['sk-chatgpt-sim-acme-unauthorized', 'rejected', 'ChatGPT rejected the key (401).'],
    ['sk-chatgpt-sim-acme-forbidden', 'rejected', 'ChatGPT rejected the key (403).'],
    ['sk-chatgpt-sim-acme-error500', 'upstream_error', 'ChatGPT could not check the key (500).'],
  ])('answers %s with %s', async (key, code, message) => {
    expect(await entrypoint().checkCredential(key, 'req-2', WORKSPACE)).toMatchObject({
      ok: false,
      error: { code, message },
    });
  });

  it.each([
    ['no workspace', 'sk-chatgpt-sim-acme', {}],
    ['a price without its currency', 'sk-chatgpt-sim-acme', { workspaceId: 'w', creditPrice: '1' }],
    ['a key with spaces', 'sk chatgpt sim acme!', WORKSPACE],
  ])('refuses %s without a call', async (_case, key, settings) => {
    expect(await entrypoint().checkCredential(key, 'req-3', settings)).toMatchObject({
      ok: false,
      error: { code: 'invalid_format' },
    });
  });
});

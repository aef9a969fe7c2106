import { ok, type CostRecord, type UsageRecord } from '@stax/contracts';
import { callsWithKey, daysOf, divideHalfEven, failure } from '@stax/sync/testing';
import { describe, expect, it } from 'vitest';
import { openaiCompletionsUsage, openaiCostLines } from '../../../infra/simulator/src/data';
import { deliver, fetcherEnv, openAiJob } from './harness';

const FROM = '2026-01-01';
const TO = '2026-04-01'; // 90 days: three pages of 31 buckets per report
const NANOS_PER_MICRO = 1000n;

function expectedCostMicros(org: string): Map<string, bigint> {
  const costs = new Map<string, bigint>();
  for (const day of daysOf(FROM, TO)) {
    for (const line of openaiCostLines(org, day)) {
      costs.set(
        `cost|${day}|${line.projectId}|${line.lineItem}`,
        divideHalfEven(line.nanos, NANOS_PER_MICRO),
      );
    }
  }
  return costs;
}

function expectedUsage(org: string): Map<string, number[]> {
  const usage = new Map<string, number[]>();
  for (const day of daysOf(FROM, TO)) {
    for (const row of openaiCompletionsUsage(org, day)) {
      const counts = [
        row.inputTokens,
        row.inputCachedTokens,
        0,
        row.outputTokens,
        row.numModelRequests,
      ];
      usage.set(`usage|${day}|${row.model}|${row.projectId}`, counts);
    }
  }
  return usage;
}

function ingestedCosts(batches: Array<{ costs: CostRecord[] }>): CostRecord[] {
  return batches.flatMap((batch) => batch.costs);
}

function ingestedUsage(batches: Array<{ usage: UsageRecord[] }>): UsageRecord[] {
  return batches.flatMap((batch) => batch.usage);
}

function sortedEntries<V>(map: Map<string, V>): Array<[string, V]> {
  return [...map].sort(([a], [b]) => a.localeCompare(b));
}

describe('fetcher-openai queue handler against the simulator', () => {
  it('ingests 90 days of costs to the micro-dollar, walking every page', async () => {
    const key = 'sk-admin-sim-ninety';
    const fetcher = fetcherEnv({ secret: key });

    expect(await deliver(fetcher.env, openAiJob(FROM, TO))).toEqual({ acked: true, retries: [] });

    const costs = ingestedCosts(fetcher.aggregator.ingested);
    const expected = expectedCostMicros('ninety');
    const actual = new Map(costs.map((cost) => [cost.recordKey, BigInt(cost.billedCostMicros)]));
    expect(sortedEntries(actual)).toEqual(sortedEntries(expected));
    const total = costs.reduce((sum, cost) => sum + BigInt(cost.billedCostMicros), 0n);
    expect(total).toBe([...expected.values()].reduce((sum, micros) => sum + micros, 0n));
    expect(costs.every((cost) => cost.currency === 'USD' && cost.source === 'reported')).toBe(true);

    const calls = await callsWithKey(key);
    expect(
      calls.map((call) => [call.path, new URLSearchParams(call.query).get('page') !== null]),
    ).toEqual([
      ['/v1/organization/costs', false],
      ['/v1/organization/costs', true],
      ['/v1/organization/costs', true],
      ['/v1/organization/usage/completions', false],
      ['/v1/organization/usage/completions', true],
      ['/v1/organization/usage/completions', true],
    ]);
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'succeeded',
      pages: 6,
      records: costs.length + expectedUsage('ninety').size,
    });
  });

  it('ingests usage counts exactly', async () => {
    const fetcher = fetcherEnv({ secret: 'sk-admin-sim-counts' });
    await deliver(fetcher.env, openAiJob(FROM, TO));

    const usage = ingestedUsage(fetcher.aggregator.ingested);
    const actual = new Map(
      usage.map((row) => [
        row.recordKey,
        [
          row.inputTokens,
          row.cachedInputTokens,
          row.cacheWriteTokens,
          row.outputTokens,
          row.requests,
        ],
      ]),
    );
    expect(sortedEntries(actual)).toEqual(sortedEntries(expectedUsage('counts')));
  });

  it('ingests the same record keys when the job runs again', async () => {
    const first = fetcherEnv({ secret: 'sk-admin-sim-rerun' });
    const second = fetcherEnv({ secret: 'sk-admin-sim-rerun' });
    await deliver(first.env, openAiJob('2026-02-01', '2026-02-08'));
    await deliver(second.env, openAiJob('2026-02-01', '2026-02-08'));

    const keysOf = (batches: typeof first.aggregator.ingested) =>
      batches.flatMap((batch) =>
        [...batch.costs, ...batch.usage].map((record) => record.recordKey),
      );
    expect(keysOf(second.aggregator.ingested)).toEqual(keysOf(first.aggregator.ingested));
    expect(second.aggregator.ingested).toEqual(first.aggregator.ingested);
    expect(new Set(keysOf(first.aggregator.ingested)).size).toBe(
      keysOf(first.aggregator.ingested).length,
    );
  });

  it('asks for attention on a 401, acks and does not retry', async () => {
    const key = 'sk-admin-sim-acme-unauthorized';
    const fetcher = fetcherEnv({ secret: key });

    expect(await deliver(fetcher.env, openAiJob(FROM, TO))).toEqual({ acked: true, retries: [] });
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'needs_attention',
      error: 'OpenAI rejected the key (401). Paste a new admin key.',
    });
    expect(await callsWithKey(key)).toHaveLength(1);
  });

  it('retries a 429 no sooner than Retry-After, with no further call', async () => {
    const key = 'sk-admin-sim-acme-ratelimited';
    const fetcher = fetcherEnv({ secret: key });

    const settled = await deliver(fetcher.env, openAiJob(FROM, TO));
    expect(settled.acked).toBe(false);
    expect(settled.retries).toHaveLength(1);
    expect(settled.retries[0]?.delaySeconds).toBeGreaterThanOrEqual(30);
    expect((await callsWithKey(key)).map((call) => call.status)).toEqual([429]);
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({ outcome: 'retrying' });
  });

  it.each([
    [1, 'retrying', 30],
    [3, 'retrying', 120],
    [6, 'failed', 960],
  ])(
    'on attempt %i of a 500 reports %s and retries after at least %is',
    async (attempts, outcome, backoff) => {
      const fetcher = fetcherEnv({ secret: 'sk-admin-sim-acme-error500' });

      const settled = await deliver(fetcher.env, openAiJob(FROM, TO), attempts);
      expect(settled.acked).toBe(false);
      expect(settled.retries[0]?.delaySeconds).toBeGreaterThanOrEqual(backoff);
      expect(settled.retries[0]?.delaySeconds).toBeLessThan(backoff + 30);
      expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
        outcome,
        error: 'OpenAI answered with an error (500).',
      });
    },
  );

  it('makes no provider call after the key is revoked mid-sync', async () => {
    const key = 'sk-admin-sim-revoked';
    const fetcher = fetcherEnv({
      secret: key,
      describe: (call) => (call === 1 ? ok(null) : failure('not_found', false)),
    });

    expect(await deliver(fetcher.env, openAiJob(FROM, TO))).toEqual({ acked: true, retries: [] });
    expect(await callsWithKey(key)).toHaveLength(1);
    expect(fetcher.aggregator.ingested).toEqual([]);
  });

  it('sends a poison message to DEAD_LETTERS and acks it', async () => {
    const fetcher = fetcherEnv({ secret: 'sk-admin-sim-poison' });
    const poison = { v: 1, jobId: 'not-a-job' };

    expect(await deliver(fetcher.env, poison)).toEqual({ acked: true, retries: [] });
    expect(fetcher.deadLetters.sent).toEqual([poison]);
    expect(fetcher.vault.calls.reveal).toEqual([]);
  });
});

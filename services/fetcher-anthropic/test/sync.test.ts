import { ok, type CostRecord, type UsageRecord } from '@stax/contracts';
import { callsWithKey, daysOf, divideHalfEven, failure } from '@stax/sync/testing';
import { describe, expect, it } from 'vitest';
import { anthropicCostLines, anthropicMessagesUsage } from '../../../infra/simulator/src/data';
import { anthropicJob, deliver, fetcherEnv } from './harness';

const FROM = '2026-01-01';
const TO = '2026-04-01'; // 90 days: three pages of 31 buckets per report
// The simulator counts millionths of a cent; a micro-dollar is a hundredth of a cent.
const UNITS_PER_MICRO = 100n;

function expectedCostMicros(org: string): Map<string, bigint> {
  const costs = new Map<string, bigint>();
  for (const day of daysOf(FROM, TO)) {
    for (const line of anthropicCostLines(org, day)) {
      const key = `cost|${day}|${line.workspaceId}|${line.description}`;
      costs.set(key, divideHalfEven(line.units, UNITS_PER_MICRO));
    }
  }
  return costs;
}

function expectedUsage(org: string): Map<string, Array<number | null>> {
  const usage = new Map<string, Array<number | null>>();
  for (const day of daysOf(FROM, TO)) {
    for (const row of anthropicMessagesUsage(org, day)) {
      const cacheWrite = row.cacheCreation5mInputTokens + row.cacheCreation1hInputTokens;
      const input = row.uncachedInputTokens + row.cacheReadInputTokens + cacheWrite;
      const counts = [input, row.cacheReadInputTokens, cacheWrite, row.outputTokens, null];
      usage.set(`usage|${day}|${row.model}|${row.workspaceId}`, counts);
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

describe('fetcher-anthropic queue handler against the simulator', () => {
  it('ingests 90 days of costs, read as cents, to the micro-dollar, over every page', async () => {
    const key = 'sk-ant-admin01-sim-ninety';
    const fetcher = fetcherEnv({ secret: key });

    expect(await deliver(fetcher.env, anthropicJob(FROM, TO))).toEqual({
      acked: true,
      retries: [],
    });

    const costs = ingestedCosts(fetcher.aggregator.ingested);
    const expected = expectedCostMicros('ninety');
    const actual = new Map(costs.map((cost) => [cost.recordKey, BigInt(cost.billedCostMicros)]));
    expect(sortedEntries(actual)).toEqual(sortedEntries(expected));
    const total = costs.reduce((sum, cost) => sum + BigInt(cost.billedCostMicros), 0n);
    expect(total).toBe([...expected.values()].reduce((sum, micros) => sum + micros, 0n));

    const calls = await callsWithKey(key);
    expect(
      calls.map((call) => [call.path, new URLSearchParams(call.query).get('page') !== null]),
    ).toEqual([
      ['/v1/organizations/cost_report', false],
      ['/v1/organizations/cost_report', true],
      ['/v1/organizations/cost_report', true],
      ['/v1/organizations/usage_report/messages', false],
      ['/v1/organizations/usage_report/messages', true],
      ['/v1/organizations/usage_report/messages', true],
    ]);
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'succeeded',
      pages: 6,
      records: costs.length + expectedUsage('ninety').size,
    });
  });

  it('ingests usage counts exactly, cache writes from the nested cache_creation', async () => {
    const fetcher = fetcherEnv({ secret: 'sk-ant-admin01-sim-counts' });
    await deliver(fetcher.env, anthropicJob(FROM, TO));

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
    expect(usage.some((row) => row.cacheWriteTokens > 0)).toBe(true);
  });

  it('ingests the same record keys when the job runs again', async () => {
    const first = fetcherEnv({ secret: 'sk-ant-admin01-sim-rerun' });
    const second = fetcherEnv({ secret: 'sk-ant-admin01-sim-rerun' });
    await deliver(first.env, anthropicJob('2026-02-01', '2026-02-08'));
    await deliver(second.env, anthropicJob('2026-02-01', '2026-02-08'));

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
    const key = 'sk-ant-admin01-sim-acme-unauthorized';
    const fetcher = fetcherEnv({ secret: key });

    expect(await deliver(fetcher.env, anthropicJob(FROM, TO))).toEqual({
      acked: true,
      retries: [],
    });
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'needs_attention',
      error: 'Anthropic rejected the key (401). Paste a new admin key.',
    });
    expect(await callsWithKey(key)).toHaveLength(1);
  });

  it('retries a 429 no sooner than Retry-After, with no further call', async () => {
    const key = 'sk-ant-admin01-sim-acme-ratelimited';
    const fetcher = fetcherEnv({ secret: key });

    const settled = await deliver(fetcher.env, anthropicJob(FROM, TO));
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
      const fetcher = fetcherEnv({ secret: 'sk-ant-admin01-sim-acme-error500' });

      const settled = await deliver(fetcher.env, anthropicJob(FROM, TO), attempts);
      expect(settled.acked).toBe(false);
      expect(settled.retries[0]?.delaySeconds).toBeGreaterThanOrEqual(backoff);
      expect(settled.retries[0]?.delaySeconds).toBeLessThan(backoff + 30);
      expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
        outcome,
        error: 'Anthropic answered with an error (500).',
      });
    },
  );

  it('makes no provider call after the key is revoked mid-sync', async () => {
    const key = 'sk-ant-admin01-sim-revoked';
    const fetcher = fetcherEnv({
      secret: key,
      describe: (call) => (call === 1 ? ok(null) : failure('not_found', false)),
    });

    expect(await deliver(fetcher.env, anthropicJob(FROM, TO))).toEqual({
      acked: true,
      retries: [],
    });
    expect(await callsWithKey(key)).toHaveLength(1);
    expect(fetcher.aggregator.ingested).toEqual([]);
  });

  it('sends a poison message to DEAD_LETTERS and acks it', async () => {
    const fetcher = fetcherEnv({ secret: 'sk-ant-admin01-sim-poison' });
    const poison = 'not even an object';

    expect(await deliver(fetcher.env, poison)).toEqual({ acked: true, retries: [] });
    expect(fetcher.deadLetters.sent).toEqual([poison]);
    expect(fetcher.vault.calls.reveal).toEqual([]);
  });
});

import { type CostRecord, type UsageRecord } from '@stax/contracts';
import { cursorAdapter } from '@stax/providers';
import { handleSyncBatch } from '@stax/sync';
import { callsWithKey, capturingLogger, daysOf, fakeBatch, fakeMessage } from '@stax/sync/testing';
import { describe, expect, it } from 'vitest';
import { cursorUsageEvents } from '../../../infra/simulator/src/data';
import { cursorJob, deliver, fetcherEnv } from './harness';
import { cursorKey } from './keys';

const FROM = '2026-11-02';
const TO = '2026-11-04';

function expectedCosts(team: string, from: string, to: string): Map<string, number> {
  const costs = new Map<string, number>();
  for (const day of daysOf(from, to)) {
    for (const event of cursorUsageEvents(team, day)) {
      const key = `cost|${day}|${event.model}|${event.kind}`;
      costs.set(key, (costs.get(key) ?? 0) + event.costMicros);
    }
  }
  return costs;
}

function expectedUsage(team: string, from: string, to: string): Map<string, number[]> {
  const usage = new Map<string, number[]>();
  for (const day of daysOf(from, to)) {
    for (const event of cursorUsageEvents(team, day)) {
      const key = `usage|${day}|${event.model}`;
      const [input = 0, cached = 0, written = 0, output = 0, requests = 0] = usage.get(key) ?? [];
      const eventInput = event.inputTokens + event.cacheReadTokens + event.cacheWriteTokens;
      usage.set(key, [
        input + eventInput,
        cached + event.cacheReadTokens,
        written + event.cacheWriteTokens,
        output + event.outputTokens,
        requests + 1,
      ]);
    }
  }
  return usage;
}

const sorted = <V>(map: Map<string, V>) => [...map].sort(([a], [b]) => a.localeCompare(b));
const costsOf = (batches: Array<{ costs: CostRecord[] }>) => batches.flatMap((b) => b.costs);
const usageOf = (batches: Array<{ usage: UsageRecord[] }>) => batches.flatMap((b) => b.usage);

describe('fetcher-cursor queue handler against the simulator', () => {
  it('ingests daily spend by model to the micro-dollar, each event rounded once', async () => {
    const key = cursorKey('dailyspend');
    const fetcher = fetcherEnv({ secret: key });

    expect(await deliver(fetcher.env, cursorJob(FROM, TO))).toEqual({ acked: true, retries: [] });

    const costs = costsOf(fetcher.aggregator.ingested);
    const actual = new Map(costs.map((cost) => [cost.recordKey, cost.billedCostMicros]));
    expect(sorted(actual)).toEqual(sorted(expectedCosts('dailyspend', FROM, TO)));
    expect(costs.every((cost) => cost.currency === 'USD' && cost.source === 'computed')).toBe(true);
    const calls = await callsWithKey(key);
    expect(calls.map((call) => [call.method, call.path])).toEqual([
      ['POST', '/teams/filtered-usage-events'],
    ]);
  });

  it('ingests token counts and requests per day and model exactly', async () => {
    const fetcher = fetcherEnv({ secret: cursorKey('tokens') });
    await deliver(fetcher.env, cursorJob(FROM, TO));

    const usage = usageOf(fetcher.aggregator.ingested);
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
    expect(sorted(actual)).toEqual(sorted(expectedUsage('tokens', FROM, TO)));
  });

  it('ingests the same records when the job runs again', async () => {
    const first = fetcherEnv({ secret: cursorKey('rerun') });
    const second = fetcherEnv({ secret: cursorKey('rerun') });
    await deliver(first.env, cursorJob(FROM, TO));
    await deliver(second.env, cursorJob(FROM, TO));

    expect(second.aggregator.ingested).toEqual(first.aggregator.ingested);
    const keys = costsOf(first.aggregator.ingested).map((cost) => cost.recordKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['unauthorized', 401],
    ['forbidden', 403],
  ] as const)('asks for attention on a %s key (%i) and never retries', async (mode, status) => {
    const key = cursorKey(`attention${mode}`, mode);
    const fetcher = fetcherEnv({ secret: key });

    expect(await deliver(fetcher.env, cursorJob(FROM, TO))).toEqual({ acked: true, retries: [] });
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'needs_attention',
      error: `Cursor rejected the key (${status}). Paste a new Admin API key.`,
    });
    expect(fetcher.aggregator.ingested).toEqual([]);
  });

  it('retries a 429 no sooner than Retry-After, with no further call', async () => {
    const key = cursorKey('limited', 'ratelimited');
    const fetcher = fetcherEnv({ secret: key });

    const settled = await deliver(fetcher.env, cursorJob(FROM, TO));
    expect(settled.acked).toBe(false);
    expect(settled.retries[0]?.delaySeconds).toBeGreaterThanOrEqual(60);
    expect((await callsWithKey(key)).map((call) => call.status)).toEqual([429]);
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({ outcome: 'retrying' });
  });

  it.each([
    [1, 'retrying'],
    [6, 'failed'],
  ])('on attempt %i of a 500 reports %s and retries with backoff', async (attempts, outcome) => {
    const fetcher = fetcherEnv({ secret: cursorKey('broken', 'error500') });

    const settled = await deliver(fetcher.env, cursorJob(FROM, TO), attempts);
    expect(settled.acked).toBe(false);
    expect(settled.retries[0]?.delaySeconds).toBeGreaterThanOrEqual(30 * 2 ** (attempts - 1));
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome,
      error: 'Cursor answered with an error (500).',
    });
  });
});

describe('Cursor pacing', () => {
  it('spaces every call of a sync at least 3 s apart, at most 20 a minute', async () => {
    const key = cursorKey('paced');
    const fetcher = fetcherEnv({ secret: key });
    let clock = Date.parse('2026-12-03T10:00:00Z');
    const sleeps: number[] = [];
    const message = fakeMessage(cursorJob('2026-10-01', '2026-11-01'));

    await handleSyncBatch(fakeBatch([message]), {
      adapter: cursorAdapter,
      vault: fetcher.env.VAULT,
      aggregator: fetcher.env.AGGREGATOR,
      deadLetters: fetcher.env.DEAD_LETTERS,
      baseUrl: fetcher.env.CURSOR_BASE_URL,
      log: capturingLogger().log,
      now: () => new Date(clock),
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });

    const calls = await callsWithKey(key);
    expect(message.settled.acked).toBe(true);
    expect(calls.length).toBeGreaterThan(4);
    expect(calls.every((call) => call.status === 200)).toBe(true);
    expect(sleeps).toEqual(Array.from({ length: calls.length - 1 }, () => 3000));
    const events = daysOf('2026-10-01', '2026-11-01').flatMap((day) =>
      cursorUsageEvents('paced', day),
    );
    expect(calls).toHaveLength(Math.ceil(events.length / 100));
  });
});

import type { CostRecord } from '@stax/contracts';
import { daysOf, divideHalfEven } from '@stax/sync/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { googleCostRows } from '../../../infra/simulator/src/data';
import {
  clearCalls,
  deliver,
  fetcherEnv,
  googleCalls,
  googleJob,
  serviceAccountKey,
  storedKey,
} from './harness';

const AI_SERVICES = ['Generative Language API', 'Vertex AI'] as const;
const NANOS_PER_MICRO = 1000n;

function expectedDaily(org: string, from: string, to: string): Map<string, bigint> {
  const expected = new Map<string, bigint>();
  for (const day of daysOf(from, to)) {
    for (const service of AI_SERVICES) {
      for (const row of googleCostRows(org, day, service)) {
        const net = divideHalfEven(row.costNanos + row.creditNanos, NANOS_PER_MICRO);
        expected.set(`cost|${day}|${service}|${row.invoiceMonth}`, net);
      }
    }
  }
  return expected;
}

function ingestedCosts(batches: Array<{ costs: CostRecord[] }>): CostRecord[] {
  return batches.flatMap((batch) => batch.costs);
}

function sorted<V>(map: Map<string, V>): Array<[string, V]> {
  return [...map].sort(([a], [b]) => a.localeCompare(b));
}

beforeEach(clearCalls);

describe('fetcher-google queue handler against the simulator', () => {
  it('ingests 90 days of Gemini and Vertex AI cost net of credits, to the micro-dollar', async () => {
    const fetcher = fetcherEnv({ secret: storedKey(await serviceAccountKey('ninety')) });

    const settled = await deliver(fetcher.env, googleJob('2026-01-01', '2026-04-01'));

    expect(settled).toEqual({ acked: true, retries: [] });
    const costs = ingestedCosts(fetcher.aggregator.ingested);
    const actual = new Map(costs.map((cost) => [cost.recordKey, BigInt(cost.billedCostMicros)]));
    expect(sorted(actual)).toEqual(sorted(expectedDaily('ninety', '2026-01-01', '2026-04-01')));
    expect(costs.every((cost) => cost.currency === 'USD' && cost.source === 'reported')).toBe(true);
    expect(costs.some((cost) => cost.serviceName === 'Compute Engine')).toBe(false);
  });

  it('keys late usage on its invoice month and keeps month totals apart from spend', async () => {
    const fetcher = fetcherEnv({ secret: storedKey(await serviceAccountKey('months')) });

    await deliver(fetcher.env, googleJob('2026-01-31', '2026-02-01'));

    const keys = ingestedCosts(fetcher.aggregator.ingested).map((cost) => cost.recordKey);
    expect(keys).toContain('cost|2026-01-31|Vertex AI|202601');
    expect(keys).toContain('cost|2026-01-31|Vertex AI|202602');
    const totals = fetcher.aggregator.ingested.flatMap((batch) => batch.totals ?? []);
    const january = [...daysOfMonthWindow('2025-12-31', '2026-02-01')]
      .flatMap((day) => googleCostRows('months', day, 'Vertex AI'))
      .filter((row) => row.invoiceMonth === '202601')
      .reduce((sum, row) => sum + row.costNanos + row.creditNanos, 0n);
    expect(
      totals.find((total) => total.recordKey === 'invoice|202601|Vertex AI|USD'),
    ).toMatchObject({
      periodStart: '2026-01-01T00:00:00Z',
      amountMicros: Number(divideHalfEven(january, NANOS_PER_MICRO)),
      currency: 'USD',
    });
  });

  it('exchanges a signed assertion once, then reuses the cached token', async () => {
    const key = storedKey(await serviceAccountKey('cached'));
    const fetcher = fetcherEnv({ secret: key });

    await deliver(fetcher.env, googleJob('2026-02-01', '2026-02-03', 'con_cccccccccccccccccccc'));
    await deliver(fetcher.env, googleJob('2026-02-01', '2026-02-03', 'con_cccccccccccccccccccc'));

    const tokenCalls = (await googleCalls()).filter((call) => call.path === '/token');
    expect(tokenCalls).toEqual([{ method: 'POST', path: '/token', status: 200 }]);
  });

  it('polls the running query job and follows every page', async () => {
    const fetcher = fetcherEnv({ secret: storedKey(await serviceAccountKey('paging')) });

    await deliver(fetcher.env, googleJob('2026-01-01', '2026-04-01', 'con_pppppppppppppppppppp'));

    const calls = (await googleCalls()).map((call) => `${call.method} ${call.path}`);
    expect(calls).toEqual([
      'POST /token',
      'GET /v1/billingAccounts/01ABCD-23EFGH-45IJKL',
      'POST /bigquery/v2/projects/acme-billing/queries',
      'GET /bigquery/v2/projects/acme-billing/queries/job_sim_' + jobNumber(calls, 2),
      'GET /bigquery/v2/projects/acme-billing/queries/job_sim_' + jobNumber(calls, 2),
      'POST /bigquery/v2/projects/acme-billing/queries',
      'GET /bigquery/v2/projects/acme-billing/queries/job_sim_' + jobNumber(calls, 5),
    ]);
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({ outcome: 'succeeded', pages: 7 });
  });

  it('keeps the account currency: a EUR account is never summed as USD', async () => {
    const fetcher = fetcherEnv({ secret: storedKey(await serviceAccountKey('acmeeu')) });

    await deliver(fetcher.env, googleJob('2026-03-01', '2026-03-08'));

    const currencies = new Set(ingestedCosts(fetcher.aggregator.ingested).map((c) => c.currency));
    expect([...currencies]).toEqual(['EUR']);
  });

  it.each([
    ['unauthorized', 'Google Cloud refused the service account key (400). Check its access.'],
    ['forbidden', 'Google Cloud refused the service account key (403). Check its access.'],
  ])(
    'asks for attention when the key is %s, writes nothing and does not retry',
    async (mode, error) => {
      const fetcher = fetcherEnv({ secret: storedKey(await serviceAccountKey('refused', mode)) });

      expect(await deliver(fetcher.env, googleJob('2026-01-01', '2026-01-08'))).toEqual({
        acked: true,
        retries: [],
      });
      expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
        outcome: 'needs_attention',
        error,
      });
      expect(fetcher.aggregator.ingested).toEqual([]);
    },
  );

  it('retries a 429 no sooner than Retry-After, with nothing written', async () => {
    const key = storedKey(await serviceAccountKey('limited', 'ratelimited'));
    const fetcher = fetcherEnv({ secret: key });

    const settled = await deliver(fetcher.env, googleJob('2026-01-01', '2026-01-08'));

    expect(settled.acked).toBe(false);
    expect(settled.retries[0]?.delaySeconds).toBeGreaterThanOrEqual(30);
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'retrying',
      error: 'Google Cloud is rate-limiting requests (429).',
    });
    expect(fetcher.aggregator.ingested).toEqual([]);
  });

  it.each([
    [1, 'retrying', 30],
    [6, 'failed', 960],
  ])(
    'on attempt %i of a 500 reports %s and backs off at least %is',
    async (attempts, outcome, backoff) => {
      const fetcher = fetcherEnv({
        secret: storedKey(await serviceAccountKey('broken', 'error500')),
      });

      const settled = await deliver(fetcher.env, googleJob('2026-01-01', '2026-01-08'), attempts);

      expect(settled.acked).toBe(false);
      expect(settled.retries[0]?.delaySeconds).toBeGreaterThanOrEqual(backoff);
      expect(settled.retries[0]?.delaySeconds).toBeLessThan(backoff + 30);
      expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
        outcome,
        error: 'Google Cloud answered with an error (500).',
      });
    },
  );

  it('fails visibly and writes nothing when the export table does not exist', async () => {
    const fetcher = fetcherEnv({ secret: storedKey(await serviceAccountKey('notable')) });
    const job = googleJob('2026-01-01', '2026-01-08');

    await deliver(fetcher.env, { ...job, settings: { ...job.settings, bigQueryTable: 'other' } });

    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'failed',
      error: 'Google Cloud refused the request (404).',
    });
    expect(fetcher.aggregator.ingested).toEqual([]);
  });

  it('asks for attention when the job carries no Google settings', async () => {
    const fetcher = fetcherEnv({ secret: storedKey(await serviceAccountKey('nosettings')) });
    const { settings: _settings, ...job } = googleJob('2026-01-01', '2026-01-08');

    await deliver(fetcher.env, job);

    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({ outcome: 'needs_attention' });
    expect(await googleCalls()).toEqual([]);
  });

  it('sends a poison message to DEAD_LETTERS and acks it', async () => {
    const fetcher = fetcherEnv({ secret: 'unused' });
    const poison = { v: 1, jobId: 'not-a-job' };

    expect(await deliver(fetcher.env, poison)).toEqual({ acked: true, retries: [] });
    expect(fetcher.deadLetters.sent).toEqual([poison]);
  });
});

function jobNumber(calls: string[], index: number): string {
  return calls[index + 1]?.split('job_sim_')[1] ?? '?';
}

function daysOfMonthWindow(from: string, to: string): string[] {
  return daysOf(from, to);
}

import { newDriver, type BenchContext } from './context';
import type { Driver } from './driver';
import { num, ratio, type ResultRow } from './report';
import { summarize, timeEach, type Latency } from './stats';

/** 1,000,000 cost records over two years (the default retention) in one workspace. */
const SEED = [
  { provider: 'openai', count: 600_000, perDay: 822 },
  { provider: 'anthropic', count: 400_000, perDay: 548 },
] as const;
const RECORDS_PER_CALL = 5_000;
const SEED_BATCH = 5_000;
const RANGES = [
  { name: 'month', from: '2026-11-01', to: '2026-12-01', iterations: 100 },
  { name: 'year', from: '2025-12-01', to: '2026-12-01', iterations: 20 },
] as const;
const GROUPINGS = ['provider', 'model', 'day'] as const;
const WARMUP = 3;
const TARGET_MONTH_P99_MS = 25;
const TARGET_RATIO = 1.5;

type IndexState = 'by_day' | 'covering';

async function seed(driver: Driver, workspaceId: string): Promise<void> {
  const tenant = await driver.json<{ connections: Array<{ id: string; provider: string }> }>(
    '/_bench/tenant',
    { body: { workspaceId, providers: SEED.map((part) => part.provider) } },
  );
  for (const part of SEED) {
    const connection = tenant.connections.find((candidate) => candidate.provider === part.provider);
    for (let first = 0; first < part.count; first += RECORDS_PER_CALL) {
      const slice = {
        workspaceId,
        connectionId: connection?.id ?? '',
        provider: part.provider,
        first,
        count: Math.min(RECORDS_PER_CALL, part.count - first),
        perDay: part.perDay,
        batchSize: SEED_BATCH,
        form: 'json',
        target: 'stax',
      };
      await driver.json('/_bench/records', { body: slice });
    }
  }
}

interface Measured {
  state: IndexState;
  range: (typeof RANGES)[number];
  groupBy: (typeof GROUPINGS)[number];
  gateway: Latency;
  direct: Latency;
}

async function measure(
  driver: Driver,
  workspaceId: string,
  state: IndexState,
): Promise<Measured[]> {
  await driver.json('/_bench/indexes', { body: { state } });
  const measured: Measured[] = [];
  for (const range of RANGES) {
    for (const groupBy of GROUPINGS) {
      const query = `from=${range.from}&to=${range.to}&group_by=${groupBy}`;
      const gateway = await timeEach(range.iterations, WARMUP, () =>
        driver.expectOk(`/api/v1/spend?${query}`),
      );
      const direct = await timeEach(range.iterations, WARMUP, () =>
        driver.expectOk(`/_bench/spend-sql?${query}&workspace=${workspaceId}`),
      );
      measured.push({
        state,
        range,
        groupBy,
        gateway: summarize(gateway),
        direct: summarize(direct),
      });
    }
  }
  return measured;
}

function toRow(result: Measured): ResultRow {
  const { gateway, direct, range } = result;
  const share = gateway.p99 / direct.p99;
  const monthOk = range.name !== 'month' || gateway.p99 < TARGET_MONTH_P99_MS;
  const index = result.state === 'covering' ? 'after 0008' : 'before 0008';
  return {
    benchmark: `3. spend, ${range.name}, by ${result.groupBy} (${index})`,
    measure: 'gateway p50 / p99 ms',
    value: `${num(gateway.p50, 1)} / ${num(gateway.p99, 1)}`,
    limit: `direct SQL ${num(direct.p50, 1)} / ${num(direct.p99, 1)}`,
    ratio: ratio(share),
    target:
      range.name === 'month'
        ? `p99 < ${TARGET_MONTH_P99_MS} ms; ≤ ${TARGET_RATIO}×`
        : `≤ ${TARGET_RATIO}×`,
    verdict: monthOk && share <= TARGET_RATIO ? 'met' : 'short',
  };
}

/**
 * `GET /api/v1/spend` for a month and a year over a workspace of 1,000,000 records, through the
 * gateway and as the same SQL straight against D1, before and after migration 0008's index.
 */
export async function benchDashboard(context: BenchContext): Promise<ResultRow[]> {
  const driver = newDriver(context);
  const { workspaceId } = await driver.signIn('analyst@dashboard.example');
  context.progress('dashboard: seeding 1,000,000 records');
  await seed(driver, workspaceId);

  context.progress('dashboard: before migration 0008');
  const before = await measure(driver, workspaceId, 'by_day');
  context.progress('dashboard: after migration 0008');
  const after = await measure(driver, workspaceId, 'covering');
  return [...after, ...before].map(toRow);
}

import { get } from 'node:http';
import { newDriver, type BenchContext } from './context';
import { daysIn, utcDay, windowsOf } from './days';
import { expectedOpenAi } from './expected';
import { num, ratio, type ResultRow } from './report';
import { elapsedMs } from './stats';

/** A large org of the simulator: 50 projects over 40 models (infra/simulator/README.md). */
const LARGE_ORG = 'largecorp';
const YEAR_DAYS = 365;
/** What the gateway backfills itself when a connection is made. */
const GATEWAY_BACKFILL_DAYS = 90;
const TARGET_SECONDS = 60;
const GIVE_UP_MS = 300_000;
const POLL_MS = 250;
const POLL_TIMEOUT_MS = 3_000;

interface RunCount {
  status: string;
  runs: number;
  records: number | null;
}

interface RunsAnswer {
  runs: RunCount[];
  /** From the connection's creation to its last finished run, as D1 recorded them. */
  syncedMs: number | null;
}

const FINAL = ['succeeded', 'failed', 'needs_attention'];

// node:http without keep-alive, to 127.0.0.1: a pooled fetch now and then hung here while the
// queue was busy; a poll that fails or takes too long is simply made again.
function pollOnce(url: string): Promise<RunsAnswer | null> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: POLL_TIMEOUT_MS }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(response.statusCode === 200 ? parseRuns(body) : null));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });
}

function parseRuns(body: string): RunsAnswer {
  const parsed = JSON.parse(body) as { runs: RunCount[]; syncedMs: { ms: number | null } | null };
  return { runs: parsed.runs, syncedMs: parsed.syncedMs?.ms ?? null };
}

async function waitForRuns(appUrl: string, query: string, jobs: number): Promise<RunsAnswer> {
  const url = `${appUrl.replace('localhost', '127.0.0.1')}/_bench/runs?${query}`;
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    const answer = await pollOnce(url);
    const finished = (answer?.runs ?? []).filter((run) => FINAL.includes(run.status));
    if (answer && finished.reduce((sum, run) => sum + run.runs, 0) >= jobs) return answer;
    if (Date.now() > deadline) throw new Error(`backfill unfinished: ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * A large org connects and a year of its costs and usage is synced through the queue, the
 * fetcher, the vault and the aggregator of the local stack; then the spend is checked exactly.
 */
export async function benchBackfill(context: BenchContext): Promise<ResultRow[]> {
  const driver = newDriver(context);
  const { workspaceId } = await driver.signIn('finance@largecorp.example');
  const now = new Date();
  const first = utcDay(now, 1 - YEAR_DAYS);
  const end = utcDay(now, 1);
  const expected = expectedOpenAi(LARGE_ORG, daysIn(first, end));

  context.progress('backfill: connecting and syncing a year');
  const start = process.hrtime.bigint();
  const connection = await driver.json<{ id: string }>(
    '/api/v1/connections',
    { body: { provider: 'openai', label: 'Large corp', credential: `sk-admin-sim-${LARGE_ORG}` } },
    201,
  );
  // The gateway backfills the last 90 days; the rest of the year goes on the same queue.
  const older = windowsOf(first, utcDay(now, 1 - GATEWAY_BACKFILL_DAYS));
  await driver.json('/_bench/enqueue', {
    body: { workspaceId, connectionId: connection.id, windows: older },
  });
  const jobs = older.length + windowsOf(utcDay(now, 1 - GATEWAY_BACKFILL_DAYS), end).length;
  const query = `workspace=${workspaceId}&connection=${connection.id}`;
  const { runs, syncedMs } = await waitForRuns(context.appUrl, query, jobs);
  const seconds = (syncedMs ?? elapsedMs(start)) / 1000;

  const spend = await driver.json<{ totals: Array<{ currency: string; amountMicros: number }> }>(
    `/api/v1/spend?from=${first}&to=${end}&group_by=provider`,
  );
  const micros = BigInt(spend.totals.find((total) => total.currency === 'USD')?.amountMicros ?? 0);
  const succeeded = runs.find((run) => run.status === 'succeeded')?.runs ?? 0;
  const records = expected.costs + expected.usage;
  const exact = micros === expected.micros && succeeded === jobs;
  const rawSeconds = context.rawRecordsPerSecond ? records / context.rawRecordsPerSecond : null;
  return [
    {
      benchmark: '2. backfill a large org, 365 days',
      measure: `seconds, ${jobs} jobs, ${num(records)} records (${succeeded} jobs succeeded)`,
      value: num(seconds, 1),
      limit: rawSeconds === null ? '—' : `${num(rawSeconds, 1)} s raw insert of the same rows`,
      ratio: rawSeconds === null ? '—' : ratio(rawSeconds / seconds),
      target: `< ${TARGET_SECONDS} s`,
      verdict: seconds < TARGET_SECONDS && exact ? 'met' : 'short',
    },
    {
      benchmark: '2. backfill (totals)',
      measure: 'USD spend over the year, micro-dollars',
      value: micros.toString(),
      limit: `${expected.micros.toString()} (simulator rule)`,
      ratio: micros === expected.micros ? 'exact' : 'differs',
      target: 'exact',
      verdict: micros === expected.micros ? 'met' : 'short',
    },
  ];
}

import autocannon from 'autocannon';
import { newDriver, type BenchContext } from './context';
import { num, ratio, type ResultRow } from './report';

const CONNECTIONS = 8;
const DURATION_SECONDS = 10;

interface Load {
  requestsPerSecond: number;
  p99: number;
  errors: number;
  requests: number;
}

async function load(url: string, headers: Record<string, string>): Promise<Load> {
  const result = await autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
  });
  return {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

/**
 * Authenticated `GET /api/v1/spend` (a month by model, a large org's workspace of a year) under
 * autocannon at fixed concurrency, against unauthenticated `GET /api/v1/health` the same way.
 */
export async function benchThroughput(context: BenchContext): Promise<ResultRow[]> {
  const driver = newDriver(context);
  // The large org's user: its workspace holds the year the backfill synced (if it ran).
  await driver.signIn('finance@largecorp.example');
  const query = 'from=2026-11-01&to=2026-12-01&group_by=model';

  context.progress('throughput: health');
  const health = await load(`${context.appUrl}/api/v1/health`, {});
  context.progress('throughput: spend');
  const spend = await load(`${context.appUrl}/api/v1/spend?${query}`, driver.authHeaders);
  const share = spend.requestsPerSecond / health.requestsPerSecond;
  return [
    {
      benchmark: `4. gateway throughput, ${CONNECTIONS} connections, ${DURATION_SECONDS} s`,
      measure: 'GET /api/v1/spend month by model: req/s, p99 ms, errors',
      value: `${num(spend.requestsPerSecond)} req/s, p99 ${spend.p99} ms, ${spend.errors} errors`,
      limit: `health ${num(health.requestsPerSecond)} req/s, p99 ${health.p99} ms`,
      ratio: ratio(share),
      target: 'zero errors',
      verdict: spend.errors === 0 && spend.requests > 0 ? 'met' : 'short',
    },
  ];
}

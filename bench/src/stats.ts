/** Latency of one sample set, in milliseconds. */
export interface Latency {
  p50: number;
  p99: number;
  mean: number;
  samples: number;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** p50, p99 and mean of latencies in milliseconds. */
export function summarize(latenciesMs: readonly number[]): Latency {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: total / Math.max(1, sorted.length),
    samples: sorted.length,
  };
}

/** Milliseconds since `start` (from `process.hrtime.bigint()`), with microsecond precision. */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Times `run` once per iteration, one after another, after `warmup` untimed runs. */
export async function timeEach(
  iterations: number,
  warmup: number,
  run: () => Promise<void>,
): Promise<number[]> {
  for (let index = 0; index < warmup; index += 1) await run();
  const latencies: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const start = process.hrtime.bigint();
    await run();
    latencies.push(elapsedMs(start));
  }
  return latencies;
}

/**
 * Runs `total` calls of `run` with `concurrency` in flight, each caller passing its own index;
 * answers the calls per second.
 */
export async function opsPerSecond(
  total: number,
  concurrency: number,
  run: (caller: number) => Promise<void>,
): Promise<number> {
  let started = 0;
  const start = process.hrtime.bigint();
  const caller = async (index: number) => {
    while (started < total) {
      started += 1;
      await run(index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => caller(index)));
  return total / (elapsedMs(start) / 1000);
}

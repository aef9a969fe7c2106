import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  bundleSize,
  checkBindings,
  checkSize,
  checkVars,
  MAX_WORKER_GZIP_BYTES,
  scanForSecrets,
  type Finding,
} from './checks';
import type { Environment } from './environments';
import { environmentConfig, GENERATED_DIR, writeEnvironmentConfig } from './generate';
import { wranglerOrThrow } from './wrangler';
import type { Worker } from './workers';

const PLACEHOLDER_IDS = { d1: {} };

export interface BuiltWorker {
  service: string;
  rawBytes: number;
  gzipBytes: number;
}

/** Builds one Worker as it would be deployed, without an account, and measures it. */
async function build(worker: Worker, environment: Environment): Promise<BuiltWorker> {
  const configPath = writeEnvironmentConfig(worker, environment, PLACEHOLDER_IDS);
  const outdir = join(GENERATED_DIR, environment.name, 'dist', worker.service);
  rmSync(outdir, { recursive: true, force: true });
  await wranglerOrThrow(['deploy', '--dry-run', '--outdir', outdir, '-c', configPath]);
  return { service: worker.service, ...bundleSize(outdir) };
}

/** Everything checkable about a Worker without an account, besides its build. */
export function staticFindings(worker: Worker, environment: Environment): Finding[] {
  const deployed = environmentConfig(worker, environment, PLACEHOLDER_IDS);
  return [
    ...scanForSecrets(
      `${worker.service} (wrangler.jsonc)`,
      readFileSync(worker.configPath, 'utf8'),
    ),
    ...scanForSecrets(`${worker.service} (${environment.name})`, JSON.stringify(deployed)),
    ...checkBindings(worker, deployed),
    ...checkVars(worker.service, deployed),
  ];
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * `--dry-run`: builds every Worker with `wrangler deploy --dry-run --outdir`, prints the
 * sizes, and checks bindings, vars and secrets. Returns the findings; errors fail the run.
 */
export async function dryRun(workers: readonly Worker[], environment: Environment) {
  const built = await inParallel(workers, BUILD_CONCURRENCY, (worker) =>
    build(worker, environment),
  );
  const findings = workers.flatMap((worker, index) => [
    ...staticFindings(worker, environment),
    ...checkSize(worker.service, built[index]?.gzipBytes ?? 0),
  ]);
  process.stdout.write(`Dry run for ${environment.name}, in deployment order:\n`);
  for (const [index, worker] of workers.entries()) {
    const name = `${worker.config.name}${environment.suffix}`.padEnd(30);
    const size = built[index] ?? { rawBytes: 0, gzipBytes: 0 };
    process.stdout.write(
      `  ${name}${kib(size.rawBytes).padStart(12)}${kib(size.gzipBytes).padStart(12)} gzip\n`,
    );
  }
  process.stdout.write(`  limit per Worker: ${kib(MAX_WORKER_GZIP_BYTES)} gzip\n`);
  for (const finding of findings) {
    process.stdout.write(`  ${finding.level}: ${finding.worker}: ${finding.message}\n`);
  }
  return findings;
}

// wrangler spends most of a build starting up; two at a time halves the wait on two cores.
const BUILD_CONCURRENCY = 2;

async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) {
      const item = items[index];
      if (item !== undefined) results[index] = await work(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

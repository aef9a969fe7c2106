import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { startStack } from '@stax/dev';
import { benchBackfill } from './backfill.bench';
import type { BenchContext } from './context';
import { benchDashboard } from './dashboard.bench';
import { benchIngest } from './ingest.bench';
import { formatTable, type ResultRow } from './report';
import { benchThroughput } from './throughput.bench';
import { benchVault } from './vault.bench';

/** Ports of their own, apart from `npm start` (8787), the e2e suite (18787) and others' runs (38787). */
const PORT = 48787;
const SIMULATOR_PORT = 48790;
const BENCH_ROOT = join(import.meta.dirname, '..');
const REPO_ROOT = join(BENCH_ROOT, '..');
const STATE_DIR = join(REPO_ROOT, '.wrangler', 'bench-state');
const RESULTS_DIR = join(BENCH_ROOT, 'results');
const DRIVER_CONFIG = join(BENCH_ROOT, 'driver', 'wrangler.jsonc');
const WRANGLER = join(REPO_ROOT, 'node_modules', '.bin', 'wrangler');

const BENCHMARKS = {
  ingest: benchIngest,
  backfill: benchBackfill,
  dashboard: benchDashboard,
  throughput: benchThroughput,
  vault: benchVault,
} as const;
type BenchName = keyof typeof BENCHMARKS;

function isBenchName(name: string): name is BenchName {
  return Object.hasOwn(BENCHMARKS, name);
}

function chosenBenchmarks(): BenchName[] {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !isBenchName(name));
  if (unknown.length > 0) throw new Error(`unknown benchmarks: ${unknown.join(', ')}`);
  const chosen = names.filter(isBenchName);
  return chosen.length > 0 ? chosen : Object.keys(BENCHMARKS).filter(isBenchName);
}

function packageVersion(name: string): string {
  const path = join(REPO_ROOT, 'node_modules', name, 'package.json');
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const version = typeof parsed === 'object' && parsed ? Reflect.get(parsed, 'version') : null;
  return typeof version === 'string' ? version : 'unknown';
}

function machine(): string {
  const cpu = cpus();
  const memoryGb = Math.round(totalmem() / 2 ** 30);
  return (
    `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${memoryGb} GB; Node ${process.version}; ` +
    `wrangler ${packageVersion('wrangler')}, workerd ${packageVersion('workerd')}`
  );
}

// The raw-insert limit writes to a second local D1 of the same schema, migrated like `stax`.
function migrateRawDatabase(): void {
  const args = ['d1', 'migrations', 'apply', 'stax-bench-raw', '--local', '-c', DRIVER_CONFIG];
  const run = spawnSync(WRANGLER, [...args, '--persist-to', STATE_DIR], {
    cwd: REPO_ROOT,
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`raw database migrations failed: ${run.stderr}`);
}

function progress(message: string): void {
  process.stdout.write(`  … ${message}\n`);
}

async function main(): Promise<void> {
  const chosen = chosenBenchmarks();
  rmSync(STATE_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  rmSync(join(RESULTS_DIR, 'stack.log'), { force: true });
  migrateRawDatabase();
  progress('starting the local stack');
  const stack = await startStack({
    port: PORT,
    simulatorPort: SIMULATOR_PORT,
    persistTo: STATE_DIR,
    logFile: join(RESULTS_DIR, 'stack.log'),
    leadConfig: DRIVER_CONFIG,
  });
  const context: BenchContext = {
    appUrl: stack.appUrl,
    simulatorUrl: stack.simulatorUrl,
    rawRecordsPerSecond: null,
    progress,
  };
  const rows: ResultRow[] = [];
  try {
    for (const name of chosen) {
      const started = Date.now();
      rows.push(...(await BENCHMARKS[name](context)));
      progress(`${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    await stack.stop();
  }
  const table = formatTable(rows);
  const header = `Machine: ${machine()}\nRun: ${new Date().toISOString()}`;
  process.stdout.write(`\n${header}\n\n${table}\n`);
  writeFileSync(join(RESULTS_DIR, 'latest.md'), `${header}\n\n${table}\n`);
}

await main();

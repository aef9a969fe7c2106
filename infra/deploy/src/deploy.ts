import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { requireTls13 } from './cloudflare-api';
import { staticFindings } from './dry-run';
import type { Environment } from './environments';
import { writeEnvironmentConfig, type ResourceIds } from './generate';
import { ensureBuckets, ensureDatabases, ensureQueues } from './resources';
import { ensureSecrets } from './secrets';
import { wranglerOrThrow } from './wrangler';
import type { Worker } from './workers';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Refuses to start while any check fails or any value is still a placeholder. */
function refuseIncomplete(workers: readonly Worker[], environment: Environment): void {
  const findings = workers.flatMap((worker) => staticFindings(worker, environment));
  for (const finding of findings) say(`  ${finding.level}: ${finding.worker}: ${finding.message}`);
  if (findings.length > 0) throw new Error('fix the findings above before a real deploy');
}

/**
 * The real deploy: creates what is missing, updates the rest, in an order where nothing is
 * used before it exists. Needs `wrangler login` (or CLOUDFLARE_API_TOKEN) for wrangler, and
 * CLOUDFLARE_API_TOKEN with Zone Settings: Edit for the TLS setting.
 */
export async function deploy(workers: readonly Worker[], environment: Environment): Promise<void> {
  refuseIncomplete(workers, environment);
  const token = process.env.CLOUDFLARE_API_TOKEN;
  if (!token) throw new Error('set CLOUDFLARE_API_TOKEN (docs/deploy.md, step 2)');
  await wranglerOrThrow(['whoami']);

  say('Resources');
  const ids = await ensureDatabases(workers, environment);
  await ensureBuckets(workers, environment);
  await ensureQueues(workers, environment);

  await buildAssets(workers);
  const migrated = new Set<string>();
  for (const worker of workers) {
    const configPath = writeEnvironmentConfig(worker, environment, ids);
    await applyMigrations(worker, environment, ids, configPath, migrated);
    say(`Deploying ${worker.config.name}${environment.suffix}`);
    await wranglerOrThrow(['deploy', '-c', configPath]);
    const set = await ensureSecrets(worker, environment, configPath);
    if (set.length > 0) say(`  secrets set: ${set.join(', ')}`);
  }

  say(`Zone ${environment.zone}: minimum TLS 1.3`);
  await requireTls13(token, environment.zone);
  say(`Stax is live at https://${environment.hostname}`);
}

async function applyMigrations(
  worker: Worker,
  environment: Environment,
  ids: ResourceIds,
  configPath: string,
  migrated: Set<string>,
): Promise<void> {
  for (const database of worker.config.d1_databases ?? []) {
    const name = `${database.database_name}${environment.suffix}`;
    if (!database.migrations_dir || migrated.has(name) || !ids.d1[name]) continue;
    say(`Migrating D1 ${name}`);
    await wranglerOrThrow(['d1', 'migrations', 'apply', name, '--remote', '-c', configPath]);
    migrated.add(name);
  }
}

/** Builds static assets (the dashboard) from the package that owns their folder. */
export async function buildAssets(workers: readonly Worker[]): Promise<void> {
  for (const worker of workers) {
    if (!worker.config.assets) continue;
    const packageDir = dirname(resolve(worker.dir, worker.config.assets.directory));
    const manifest = join(packageDir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
    await run('npm', ['run', 'build', '--workspace', name]);
  }
}

async function run(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}`);
}

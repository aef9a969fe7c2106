import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from 'wrangler';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

type WorkerOptions = ReturnType<typeof unstable_getMiniflareWorkerOptions>['workerOptions'];

/** The test KEKs: fixed, 32 bytes each, used by no environment but tests. */
export const TEST_KEKS = {
  KEK_V1: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
  KEK_V2: 'ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=',
} as const;

/** The D1 ids of the two databases, as every service's wrangler config names them. */
export const D1_IDS = {
  stax: '00000000-0000-4000-8000-000000000001',
  vault: '00000000-0000-4000-8000-000000000002',
} as const;

/** Migrations folder of a database, for `readD1Migrations`. */
export function migrationsPath(database: 'stax' | 'vault'): string {
  return join(REPO_ROOT, 'packages', 'db', 'migrations', database);
}

/**
 * A stand-in fetcher Worker under the given name: `checkCredential` accepts any key unless
 * it contains `rejected` (answers rejected) or `unreachable` (answers upstream_error).
 */
export function fakeFetcherWorker(name: string): WorkerOptions {
  return {
    name,
    compatibilityDate: '2026-04-26',
    modules: true,
    script: readFileSync(join(REPO_ROOT, 'packages/testing/workers/fake-fetcher.js'), 'utf8'),
  } as WorkerOptions;
}

/** Path of a service's wrangler config, from the repository root. */
export function serviceConfigPath(service: string): string {
  return join(REPO_ROOT, 'services', service, 'wrangler.jsonc');
}

/**
 * Another Worker of the repo, bundled now and described for miniflare, so that a test can
 * reach it through a real service binding (the test pool runs only the Worker under test
 * from source). Bindings come from the Worker's own wrangler config; `overrides` wins, and
 * `overrides.bindings` is merged into the config's vars rather than replacing them.
 */
export function auxiliaryWorker(
  service: string,
  overrides: Partial<WorkerOptions> = {},
): WorkerOptions {
  const configPath = serviceConfigPath(service);
  const { workerOptions, main } = unstable_getMiniflareWorkerOptions(configPath);
  if (!main) throw new Error(`${configPath} has no main`);

  const outfile = join(REPO_ROOT, 'services', service, '.wrangler', 'test-bundle', 'index.js');
  mkdirSync(dirname(outfile), { recursive: true });
  buildSync({
    entryPoints: [resolve(dirname(configPath), main)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*', 'node:*'],
    logLevel: 'error',
  });

  const { bindings, ...otherOverrides } = overrides;
  return {
    ...workerOptions,
    name: unstable_readConfig({ config: configPath }).name,
    // Module names are relative to the root; the bundle sits outside the test's project.
    modulesRoot: dirname(outfile),
    modules: [{ type: 'ESModule', path: outfile }],
    ...otherOverrides,
    bindings: { ...workerOptions.bindings, ...bindings },
  } as WorkerOptions;
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Environment } from './environments';
import { REPO_ROOT, type Worker, type WorkerConfig } from './workers';

/** Real resource ids, known once the account has them; placeholders in a dry run. */
export interface ResourceIds {
  d1: Record<string, string>;
}

/** Where generated configs go (git-ignored under .wrangler). */
export const GENERATED_DIR = join(REPO_ROOT, '.wrangler', 'deploy');

const named = (environment: Environment) => (name: string) => `${name}${environment.suffix}`;

/**
 * The config a Worker is deployed with in an environment, generated from its wrangler.jsonc so
 * that those files stay as they are for local development: names suffixed, vars replaced,
 * real database ids, paths made absolute, workers.dev and preview URLs off, and the route on
 * the gateway.
 */
export function environmentConfig(
  worker: Worker,
  environment: Environment,
  ids: ResourceIds,
): WorkerConfig {
  const rename = named(environment);
  const { config } = worker;
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(worker.dir, path));
  return {
    ...config,
    $schema: undefined,
    name: rename(config.name),
    main: absolute(config.main),
    workers_dev: false,
    preview_urls: false,
    vars: environmentVars(worker, environment),
    d1_databases: config.d1_databases?.map((database) => ({
      ...database,
      database_name: rename(database.database_name),
      database_id: ids.d1[rename(database.database_name)] ?? database.database_id,
      migrations_dir: database.migrations_dir ? absolute(database.migrations_dir) : undefined,
    })),
    r2_buckets: config.r2_buckets?.map((bucket) => ({
      ...bucket,
      bucket_name: rename(bucket.bucket_name),
    })),
    services: config.services?.map((binding) => ({ ...binding, service: rename(binding.service) })),
    queues: config.queues && {
      producers: config.queues.producers?.map((producer) => ({
        ...producer,
        queue: rename(producer.queue),
      })),
      consumers: config.queues.consumers?.map((consumer) => ({
        ...consumer,
        queue: rename(consumer.queue),
        dead_letter_queue: consumer.dead_letter_queue && rename(consumer.dead_letter_queue),
      })),
    },
    assets: config.assets && { ...config.assets, directory: absolute(config.assets.directory) },
    ...(worker.service === 'gateway'
      ? { routes: [{ pattern: environment.hostname, custom_domain: true }] }
      : {}),
  };
}

function environmentVars(worker: Worker, environment: Environment): Record<string, string> {
  const vars = { ...worker.config.vars };
  for (const name of Object.keys(vars)) {
    const value = environment.vars[name];
    if (value !== undefined) vars[name] = value;
  }
  return { ...vars, ...environment.serviceVars[worker.service] };
}

/** Writes the generated config and returns its path. */
export function writeEnvironmentConfig(
  worker: Worker,
  environment: Environment,
  ids: ResourceIds,
): string {
  const dir = join(GENERATED_DIR, environment.name);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${worker.service}.json`);
  writeFileSync(path, `${JSON.stringify(environmentConfig(worker, environment, ids), null, 2)}\n`);
  return path;
}

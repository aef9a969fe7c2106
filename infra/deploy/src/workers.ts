import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJsonc } from './jsonc';

/** The repository root. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

const BindingSchema = z.object({ binding: z.string() }).passthrough();

/** The parts of a wrangler config the deploy reads; everything else is passed through. */
export const WorkerConfigSchema = z
  .object({
    name: z.string(),
    main: z.string(),
    vars: z.record(z.string(), z.string()).optional(),
    d1_databases: z
      .array(
        BindingSchema.extend({ database_name: z.string(), migrations_dir: z.string().optional() }),
      )
      .optional(),
    r2_buckets: z.array(BindingSchema.extend({ bucket_name: z.string() })).optional(),
    kv_namespaces: z.array(BindingSchema).optional(),
    services: z.array(BindingSchema.extend({ service: z.string() })).optional(),
    queues: z
      .object({
        producers: z.array(BindingSchema.extend({ queue: z.string() })).optional(),
        consumers: z
          .array(
            z.object({ queue: z.string(), dead_letter_queue: z.string().optional() }).passthrough(),
          )
          .optional(),
      })
      .optional(),
    assets: z
      .object({ directory: z.string(), binding: z.string().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type WorkerConfig = z.infer<typeof WorkerConfigSchema>;

/** A Worker of the repo: its folder, its config and the secrets its .dev.vars.example names. */
export interface Worker {
  service: string;
  dir: string;
  configPath: string;
  config: WorkerConfig;
  secretNames: string[];
}

/** Every Worker under services/, found by its wrangler.jsonc, so a new one is never missed. */
export function discoverWorkers(root = REPO_ROOT): Worker[] {
  const servicesDir = join(root, 'services');
  return readdirSync(servicesDir)
    .filter((service) => existsSync(join(servicesDir, service, 'wrangler.jsonc')))
    .map((service) => readWorker(join(servicesDir, service), service));
}

function readWorker(dir: string, service: string): Worker {
  const configPath = join(dir, 'wrangler.jsonc');
  const config = WorkerConfigSchema.parse(parseJsonc(readFileSync(configPath, 'utf8')));
  return { service, dir, configPath, config, secretNames: secretNamesOf(dir) };
}

/** The secret names `.dev.vars.example` lists (`NAME=` lines); the values are never there. */
export function secretNamesOf(dir: string): string[] {
  const path = join(dir, '.dev.vars.example');
  if (!existsSync(path)) return [];
  return [...readFileSync(path, 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map(
    (match) => match[1] ?? '',
  );
}

/**
 * Orders Workers so that each is deployed after every Worker it binds to (a service binding
 * to a Worker that does not exist yet fails the deploy). Ties keep a stable name order.
 */
export function deploymentOrder(workers: readonly Worker[]): Worker[] {
  const byName = new Map(workers.map((worker) => [worker.config.name, worker]));
  const ordered: Worker[] = [];
  const visiting = new Set<string>();
  const visit = (worker: Worker) => {
    if (ordered.includes(worker)) return;
    if (visiting.has(worker.config.name)) {
      throw new Error(`service bindings form a cycle through ${worker.config.name}`);
    }
    visiting.add(worker.config.name);
    for (const target of dependenciesOf(worker)) {
      const dependency = byName.get(target);
      if (dependency) visit(dependency);
    }
    visiting.delete(worker.config.name);
    ordered.push(worker);
  };
  for (const worker of [...workers].sort(byDeployRank)) visit(worker);
  return ordered;
}

function dependenciesOf(worker: Worker): string[] {
  return (worker.config.services ?? []).map((binding) => binding.service).sort();
}

// Without a binding between them, the key and audit Workers go first and the gateway last.
const RANK = ['kms', 'audit', 'vault', 'aggregator'];
function byDeployRank(a: Worker, b: Worker): number {
  const rank = (worker: Worker) => {
    if (worker.service === 'gateway') return RANK.length + 1;
    const index = RANK.indexOf(worker.service);
    return index === -1 ? RANK.length : index;
  };
  return rank(a) - rank(b) || a.service.localeCompare(b.service);
}

import { z } from 'zod';
import type { Environment } from './environments';
import type { ResourceIds } from './generate';
import { wranglerOrThrow } from './wrangler';
import type { Worker } from './workers';

const suffixed = (environment: Environment) => (name: string) => `${name}${environment.suffix}`;

const D1ListSchema = z.array(z.object({ uuid: z.string(), name: z.string() }));

/** Creates each missing D1 database and returns the ids of all of them. */
export async function ensureDatabases(
  workers: readonly Worker[],
  environment: Environment,
): Promise<ResourceIds> {
  const names = new Set(
    workers.flatMap((w) =>
      (w.config.d1_databases ?? []).map((d) => suffixed(environment)(d.database_name)),
    ),
  );
  const list = async () =>
    D1ListSchema.parse(JSON.parse(await wranglerOrThrow(['d1', 'list', '--json'])));
  const existing = new Set((await list()).map((database) => database.name));
  for (const name of names) {
    if (!existing.has(name)) await wranglerOrThrow(['d1', 'create', name]);
  }
  const d1 = Object.fromEntries(
    (await list()).filter((d) => names.has(d.name)).map((d) => [d.name, d.uuid]),
  );
  return { d1 };
}

/** Creates each missing R2 bucket; the audit bucket gets a lock rule on `audit/`. */
export async function ensureBuckets(workers: readonly Worker[], environment: Environment) {
  const listed = await wranglerOrThrow(['r2', 'bucket', 'list']);
  for (const bucket of workers.flatMap((w) => w.config.r2_buckets ?? [])) {
    const name = suffixed(environment)(bucket.bucket_name);
    if (!new RegExp(`^name:\\s+${name}$`, 'm').test(listed)) {
      await wranglerOrThrow(['r2', 'bucket', 'create', name]);
    }
    if (bucket.binding === 'AUDIT_BUCKET') await lockAuditPrefix(name);
  }
}

// Objects under audit/ can be neither overwritten nor deleted, by anyone, ever: the audit log
// stays append-only even against a stolen API token.
async function lockAuditPrefix(bucket: string): Promise<void> {
  const rules = await wranglerOrThrow(['r2', 'bucket', 'lock', 'list', bucket]);
  if (rules.includes('audit-append-only')) return;
  await wranglerOrThrow([
    'r2',
    'bucket',
    'lock',
    'add',
    bucket,
    'audit-append-only',
    'audit/',
    '--retention-indefinite',
    '--force',
  ]);
}

/** Creates each missing queue: producers, consumers and dead-letter queues. */
export async function ensureQueues(workers: readonly Worker[], environment: Environment) {
  const names = new Set(
    workers
      .flatMap((w) => [
        ...(w.config.queues?.producers ?? []).map((p) => p.queue),
        ...(w.config.queues?.consumers ?? []).flatMap((c) =>
          [c.queue, c.dead_letter_queue ?? []].flat(),
        ),
      ])
      .map(suffixed(environment)),
  );
  const listed = await wranglerOrThrow(['queues', 'list']);
  for (const name of names) {
    if (!new RegExp(`(^|[\\s│|])${name}([\\s│|]|$)`, 'm').test(listed)) {
      await wranglerOrThrow(['queues', 'create', name]);
    }
  }
}

import { z } from 'zod';
import { newId, type IngestBatch, type SyncJob } from '@stax/contracts';
import type { Env } from './env';
import { insertRaw } from './raw-insert';
import { makeRecords, type RecordSet } from './records';
import { runSpendSql, setIndexState } from './spend-sql';

const SliceSchema = z.strictObject({
  workspaceId: z.string(),
  connectionId: z.string(),
  provider: z.enum(['openai', 'anthropic']),
  first: z.number().int().nonnegative(),
  count: z.number().int().positive().max(20_000),
  perDay: z.number().int().positive(),
  batchSize: z.number().int().positive().max(5_000),
  form: z.enum(['ingest', 'values', 'json']),
  target: z.enum(['stax', 'raw']),
});
type Slice = z.infer<typeof SliceSchema>;

const TenantSchema = z.strictObject({
  workspaceId: z.string().optional(),
  providers: z.array(z.enum(['openai', 'anthropic'])),
});
const CredentialSchema = z.strictObject({
  workspaceId: z.string(),
  connectionId: z.string(),
  secret: z.string(),
});
const EnqueueSchema = z.strictObject({
  workspaceId: z.string(),
  connectionId: z.string(),
  windows: z.array(z.strictObject({ from: z.string(), to: z.string() })),
});
const SpendQuerySchema = z.strictObject({
  workspace: z.string(),
  from: z.string(),
  to: z.string(),
  group_by: z.enum(['provider', 'model', 'connection', 'day']),
});

async function body<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(await request.json());
}

function batches(records: RecordSet, size: number): RecordSet[] {
  const all = [
    ...records.costs.map((cost) => ({ cost })),
    ...records.usage.map((usage) => ({ usage })),
  ];
  const sets: RecordSet[] = [];
  for (let start = 0; start < all.length; start += size) {
    const part = all.slice(start, start + size);
    sets.push({
      costs: part.flatMap((item) => ('cost' in item ? [item.cost] : [])),
      usage: part.flatMap((item) => ('usage' in item ? [item.usage] : [])),
    });
  }
  return sets;
}

async function ingestSet(env: Env, slice: Slice, set: RecordSet, jobId: string): Promise<void> {
  const batch: IngestBatch = { v: 1, ...pickOwner(slice), jobId, ...set };
  const result = await env.AGGREGATOR.ingest(batch);
  if (!result.ok) throw new Error(`ingest refused: ${result.error.code}`);
}

function pickOwner(slice: Slice) {
  const { workspaceId, connectionId, provider } = slice;
  return { workspaceId, connectionId, provider };
}

// Writes a slice of records one batch at a time; the time is taken inside the Worker so that
// making the records and the HTTP call that asked for them are not counted.
async function writeSlice(env: Env, slice: Slice): Promise<{ ms: number; records: number }> {
  const sets = batches(makeRecords({ ...slice, modelPrefix: slice.provider }), slice.batchSize);
  const database = slice.target === 'raw' ? env.RAW_DB : env.DB;
  const owner = { ...pickOwner(slice), updatedAt: new Date().toISOString() };
  const jobId = newId('job');
  const startedAt = Date.now();
  for (const set of sets) {
    if (slice.form === 'ingest') await ingestSet(env, slice, set, jobId);
    else await insertRaw(database, slice.form, set, owner);
  }
  return { ms: Date.now() - startedAt, records: slice.count };
}

async function createTenant(env: Env, request: Request) {
  const input = await body(request, TenantSchema);
  const now = new Date().toISOString();
  const workspaceId = input.workspaceId ?? newId('wsp');
  const statements = input.workspaceId
    ? []
    : [
        env.DB.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)').bind(
          workspaceId,
          'Benchmark',
          now,
        ),
      ];
  const connections = input.providers.map((provider) => ({ provider, id: newId('con') }));
  for (const connection of connections) {
    statements.push(
      env.DB.prepare(
        `INSERT INTO connections (id, workspace_id, provider, kind, label, status, created_at,
          updated_at) VALUES (?, ?, ?, 'api', 'Benchmark', 'ok', ?, ?)`,
      ).bind(connection.id, workspaceId, connection.provider, now, now),
    );
  }
  await env.DB.batch(statements);
  return { workspaceId, connections };
}

function vaultRef(input: { workspaceId: string; connectionId: string }) {
  return { ...input, provider: 'openai' as const };
}

async function storeCredential(env: Env, request: Request) {
  const input = await body(request, CredentialSchema);
  const stored = await env.VAULT.store({
    ...vaultRef(input),
    secret: input.secret,
    actor: { type: 'system', id: 'bench' },
    requestId: 'bench',
  });
  return { ok: stored.ok };
}

async function reveal(env: Env, request: Request) {
  const input = await body(request, CredentialSchema.omit({ secret: true }));
  const ref = vaultRef(input);
  const revealed = await env.VAULT.reveal({
    ...ref,
    jobId: newId('job'),
    purpose: 'sync',
    requestId: 'bench',
  });
  // A refused reveal (the audit log busy, the KMS away) must not pass for a fast one.
  if (!revealed.ok) throw new Error(`reveal refused: ${revealed.error.code}`);
  return { ok: true };
}

async function describe(env: Env, request: Request) {
  const input = await body(request, CredentialSchema.omit({ secret: true }));
  const described = await env.VAULT.describe(vaultRef(input));
  if (!described.ok) throw new Error(`describe refused: ${described.error.code}`);
  return { ok: true };
}

async function enqueue(env: Env, request: Request) {
  const input = await body(request, EnqueueSchema);
  const jobs: SyncJob[] = input.windows.map((window) => ({
    v: 1,
    jobId: newId('job'),
    workspaceId: input.workspaceId,
    connectionId: input.connectionId,
    provider: 'openai',
    reason: 'backfill',
    ...window,
    requestId: 'bench',
  }));
  await env.SYNC_OPENAI.sendBatch(jobs.map((job) => ({ body: job })));
  return { jobIds: jobs.map((job) => job.jobId) };
}

// The runs of a connection by status, and how long from the connection's creation to its
// last finished run: the backfill's duration as the system itself recorded it.
async function syncRuns(env: Env, url: URL) {
  const ids = [url.searchParams.get('workspace'), url.searchParams.get('connection')];
  const [runs, span] = await env.DB.batch([
    env.DB.prepare(
      `SELECT status, count(*) AS runs, sum(records) AS records FROM sync_runs
        WHERE workspace_id = ? AND connection_id = ? GROUP BY status`,
    ).bind(...ids),
    env.DB.prepare(
      `SELECT (julianday(max(r.finished_at)) - julianday(c.created_at)) * 86400000 AS ms
        FROM sync_runs r JOIN connections c ON c.id = r.connection_id
        WHERE r.workspace_id = ? AND r.connection_id = ?`,
    ).bind(...ids),
  ]);
  return { runs: runs?.results ?? [], syncedMs: span?.results[0] ?? null };
}

async function spendSql(env: Env, url: URL) {
  const query = SpendQuerySchema.parse(Object.fromEntries(url.searchParams));
  const { workspace, from, to, group_by: groupBy } = query;
  return runSpendSql(env.DB, { workspaceId: workspace, from, to, groupBy });
}

async function resetRaw(env: Env) {
  await env.RAW_DB.batch([
    env.RAW_DB.prepare('DELETE FROM cost_records'),
    env.RAW_DB.prepare('DELETE FROM usage_records'),
  ]);
  return { ok: true };
}

const IndexStateSchema = z.strictObject({ state: z.enum(['by_day', 'covering']) });

async function indexState(env: Env, request: Request) {
  const input = await body(request, IndexStateSchema);
  await setIndexState(env.DB, input.state);
  return { state: input.state };
}

type Route = (env: Env, request: Request, url: URL) => Promise<unknown>;

const ROUTES: Record<string, Route> = {
  'POST /_bench/tenant': (env, request) => createTenant(env, request),
  'POST /_bench/records': async (env, request) => writeSlice(env, await body(request, SliceSchema)),
  'POST /_bench/raw/reset': (env) => resetRaw(env),
  'POST /_bench/credential': (env, request) => storeCredential(env, request),
  'POST /_bench/reveal': (env, request) => reveal(env, request),
  'POST /_bench/describe': (env, request) => describe(env, request),
  'POST /_bench/enqueue': (env, request) => enqueue(env, request),
  'GET /_bench/runs': (env, _request, url) => syncRuns(env, url),
  'GET /_bench/spend-sql': (env, _request, url) => spendSql(env, url),
  'POST /_bench/indexes': (env, request) => indexState(env, request),
};

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    const route = ROUTES[`${request.method} ${url.pathname}`];
    if (!route) return env.GATEWAY.fetch(request);
    try {
      return Response.json(await route(env, request, url));
    } catch (error) {
      // A benchmark tool on loopback: the runner prints the reason and stops.
      return Response.json({ error: String(error) }, { status: 500 });
    }
  },
} satisfies ExportedHandler<Env>;

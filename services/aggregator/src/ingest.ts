import {
  fail,
  IngestBatchSchema,
  ok,
  type AggregatorFailureCode,
  type IngestBatch,
  type Result,
} from '@stax/contracts';
import { compileBatch, createStaxDb, type StaxDb } from '@stax/db';
import { expressionBuilder, type Compilable, type Expression, type SqlBool } from 'kysely';
import type { StaxDatabase } from '@stax/db';
import { COST_COLUMNS, jsonRowChunks, USAGE_COLUMNS } from './record-rows';
import { upsertRecordRows, type RecordOwner } from './record-upsert';
import { SEAT_COLUMNS, TOTAL_COLUMNS } from './snapshot-rows';
import { describeIssues } from './validation';

/**
 * Characters of JSON per bound parameter. A character takes at most 3 bytes in UTF-8, so a
 * chunk stays well under D1's 1 MB cap on one value whatever the text holds.
 */
export const MAX_ROWS_JSON_CHARS = 250_000;

export interface IngestCounts {
  costs: number;
  usage: number;
}

/** Validates a batch, then upserts all of its records and bumps its sync run, all or nothing. */
export async function ingestRecords(
  database: D1Database,
  input: unknown,
  now: Date,
): Promise<Result<IngestCounts, AggregatorFailureCode>> {
  const parsed = IngestBatchSchema.safeParse(input);
  if (!parsed.success) return fail('invalid_request', describeIssues(parsed.error));

  const batch = parsed.data;
  const db = createStaxDb(database);
  const target = await checkTarget(db, batch);
  if (!target.ok) return target;

  const results = await compileBatch(database, ingestStatements(db, batch, now));
  // The sync run's bump comes last and is guarded like every row: no change means the
  // connection went away between the check and the batch, and so nothing was written.
  if (results.at(-1)?.meta.changes !== 1) return connectionGone();
  return ok({ costs: batch.costs.length, usage: batch.usage.length });
}

function connectionGone(): Result<never, AggregatorFailureCode> {
  return fail('connection_gone', 'the connection does not exist or was revoked');
}

async function checkTarget(
  db: StaxDb,
  batch: IngestBatch,
): Promise<Result<null, AggregatorFailureCode>> {
  const eb = expressionBuilder<StaxDatabase>();
  const found = await db
    .selectNoFrom([
      eb.exists(liveConnection(db, batch)).as('live'),
      eb.exists(foreignRun(db, batch)).as('foreign_run'),
    ])
    .executeTakeFirstOrThrow();
  if (!found.live) return connectionGone();
  if (found.foreign_run) return fail('invalid_request', 'the job belongs to another connection');
  return ok(null);
}

function liveConnection(db: StaxDb, batch: IngestBatch) {
  return db
    .selectFrom('connections')
    .select('id')
    .where('workspace_id', '=', batch.workspaceId)
    .where('id', '=', batch.connectionId)
    .where('provider', '=', batch.provider)
    .where('revoked_at', 'is', null);
}

// A job id is random; one held by another connection is a bug or a forgery, and its run
// must not be touched.
function foreignRun(db: StaxDb, batch: IngestBatch) {
  return db
    .selectFrom('sync_runs')
    .select('job_id')
    .where('job_id', '=', batch.jobId)
    .where((eb) =>
      eb.or([
        eb('workspace_id', '!=', batch.workspaceId),
        eb('connection_id', '!=', batch.connectionId),
      ]),
    );
}

/** Every statement of one ingest call carries this guard, so a revoke in between wins. */
function writableGuard(db: StaxDb, batch: IngestBatch): Expression<SqlBool> {
  const eb = expressionBuilder<StaxDatabase>();
  return eb.and([eb.exists(liveConnection(db, batch)), eb.not(eb.exists(foreignRun(db, batch)))]);
}

function ingestStatements(db: StaxDb, batch: IngestBatch, now: Date): Compilable[] {
  const guard = writableGuard(db, batch);
  const owner: RecordOwner = { ...batch, updatedAt: now.toISOString() };
  const costColumns = Object.keys(COST_COLUMNS);
  const usageColumns = Object.keys(USAGE_COLUMNS);
  return [
    ...jsonRowChunks(batch.costs, COST_COLUMNS, MAX_ROWS_JSON_CHARS).map((json) =>
      upsertRecordRows(db, 'cost_records', costColumns, owner, json, guard),
    ),
    ...jsonRowChunks(batch.usage, USAGE_COLUMNS, MAX_ROWS_JSON_CHARS).map((json) =>
      upsertRecordRows(db, 'usage_records', usageColumns, owner, json, guard),
    ),
    ...jsonRowChunks(batch.seats ?? [], SEAT_COLUMNS, MAX_ROWS_JSON_CHARS).map((json) =>
      upsertRecordRows(db, 'seat_counts', Object.keys(SEAT_COLUMNS), owner, json, guard),
    ),
    ...jsonRowChunks(batch.totals ?? [], TOTAL_COLUMNS, MAX_ROWS_JSON_CHARS).map((json) =>
      upsertRecordRows(db, 'provider_totals', Object.keys(TOTAL_COLUMNS), owner, json, guard),
    ),
    bumpSyncRun(db, batch, now, guard),
  ];
}

// A page counts once its rows are stored; ingest may run before the fetcher reports
// `started`, so the run is created here when it does not exist yet.
function bumpSyncRun(
  db: StaxDb,
  batch: IngestBatch,
  now: Date,
  guard: Expression<SqlBool>,
): Compilable {
  const records =
    batch.costs.length +
    batch.usage.length +
    (batch.seats?.length ?? 0) +
    (batch.totals?.length ?? 0);
  return db
    .insertInto('sync_runs')
    .columns([
      'job_id',
      'workspace_id',
      'connection_id',
      'status',
      'pages',
      'records',
      'started_at',
    ])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(batch.jobId).as('job_id'),
          eb.val(batch.workspaceId).as('workspace_id'),
          eb.val(batch.connectionId).as('connection_id'),
          eb.val('started').as('status'),
          eb.val(1).as('pages'),
          eb.val(records).as('records'),
          eb.val(now.toISOString()).as('started_at'),
        ])
        .where(guard),
    )
    .onConflict((oc) =>
      oc.column('job_id').doUpdateSet((eb) => ({
        pages: eb('sync_runs.pages', '+', 1),
        records: eb('sync_runs.records', '+', eb.ref('excluded.records')),
      })),
    );
}

import {
  fail,
  ok,
  SyncReportSchema,
  type AggregatorFailureCode,
  type Result,
  type SyncReport,
} from '@stax/contracts';
import { compileBatch, createStaxDb, type StaxDb, type StaxDatabase } from '@stax/db';
import { expressionBuilder, sql, type Compilable, type Expression, type SqlBool } from 'kysely';
import { describeIssues } from './validation';

type SyncOutcome = SyncReport['outcome'];

/**
 * The run statuses a report may follow. Reports arrive late, twice or out of order (queue
 * redelivery); one that does not follow its run's status is stale and moves nothing, so a
 * `started` redelivered after `succeeded` cannot send the connection back to `syncing`.
 */
const FOLLOWS: Record<SyncOutcome, readonly SyncOutcome[]> = {
  started: ['started'],
  retrying: ['started', 'retrying'],
  succeeded: ['started', 'retrying'],
  failed: ['started', 'retrying'],
  needs_attention: ['started', 'retrying'],
};

/** The reason a failure is given when its report carries none. */
const FALLBACK_ERRORS: Record<SyncOutcome, string | null> = {
  started: null,
  succeeded: null,
  retrying: 'Sync hit a temporary error and is being retried.',
  failed: 'Sync failed.',
  needs_attention: 'The provider refused the credential; reconnect it.',
};

const FAILURE_OUTCOMES: readonly SyncOutcome[] = ['retrying', 'failed', 'needs_attention'];
const FINAL_OUTCOMES: readonly SyncOutcome[] = ['succeeded', 'failed', 'needs_attention'];

/** Validates a fetcher's report, then records it on the sync run and on the connection. */
export async function reportSyncOutcome(
  database: D1Database,
  input: unknown,
  now: Date,
): Promise<Result<null, AggregatorFailureCode>> {
  const parsed = SyncReportSchema.safeParse(input);
  if (!parsed.success) return fail('invalid_request', describeIssues(parsed.error));

  return recordSyncOutcome(database, parsed.data, now);
}

/**
 * Records a checked report: updates the connection (never a revoked one) and upserts the
 * run, in one batch. `fallbackError` replaces the default reason of a failure without one.
 */
export async function recordSyncOutcome(
  database: D1Database,
  report: SyncReport,
  now: Date,
  fallbackError: string | null = FALLBACK_ERRORS[report.outcome],
): Promise<Result<null, AggregatorFailureCode>> {
  const db = createStaxDb(database);
  const live = await liveConnection(db, report).executeTakeFirst();
  if (!live) return fail('connection_gone', 'the connection does not exist or was revoked');

  const change: SyncChange = { report, now: now.toISOString(), fallbackError };
  // The connection goes first: its update reads the run's status from before this report.
  await compileBatch(database, [updateConnection(db, change), upsertRun(db, change)]);
  return ok(null);
}

interface SyncChange {
  report: SyncReport;
  now: string;
  fallbackError: string | null;
}

function liveConnection(db: StaxDb, report: SyncReport) {
  return db
    .selectFrom('connections')
    .select('id')
    .where('workspace_id', '=', report.workspaceId)
    .where('id', '=', report.connectionId)
    .where('revoked_at', 'is', null);
}

function runOf(db: StaxDb, report: SyncReport) {
  return db
    .selectFrom('sync_runs')
    .where('job_id', '=', report.jobId)
    .where('workspace_id', '=', report.workspaceId)
    .where('connection_id', '=', report.connectionId);
}

// True when no run of this job blocks the report: either there is none yet, or the run
// is this connection's and its status may be followed by the report's outcome.
function reportApplies(db: StaxDb, report: SyncReport): Expression<SqlBool> {
  const eb = expressionBuilder<StaxDatabase>();
  const blocking = db
    .selectFrom('sync_runs')
    .select('job_id')
    .where('job_id', '=', report.jobId)
    .where((run) =>
      run.or([
        run('workspace_id', '!=', report.workspaceId),
        run('connection_id', '!=', report.connectionId),
        run('status', 'not in', FOLLOWS[report.outcome]),
      ]),
    );
  return eb.not(eb.exists(blocking));
}

function updateConnection(db: StaxDb, change: SyncChange): Compilable {
  const { report } = change;
  return db
    .updateTable('connections')
    .set({ ...connectionValues(db, change), updated_at: change.now })
    .where('workspace_id', '=', report.workspaceId)
    .where('id', '=', report.connectionId)
    .where('revoked_at', 'is', null)
    .where(reportApplies(db, report));
}

function connectionValues(db: StaxDb, { report, now, fallbackError }: SyncChange) {
  switch (report.outcome) {
    case 'started':
      return { status: 'syncing' as const, ...resetCountersOfNewJob(db, report) };
    case 'succeeded':
      return {
        status: 'ok' as const,
        last_synced_at: now,
        last_error: null,
        sync_pages: report.pages,
        sync_records: report.records,
      };
    case 'retrying':
      return { status: 'syncing' as const, last_error: report.error ?? fallbackError };
    case 'failed':
      return { status: 'error' as const, last_error: keptError(db, report, fallbackError) };
    case 'needs_attention':
      return { status: 'needs_attention' as const, last_error: report.error ?? fallbackError };
  }
}

// A job seen for the first time starts the connection's progress from zero; a redelivered
// `started` of a job already under way leaves the progress alone.
function resetCountersOfNewJob(db: StaxDb, report: SyncReport) {
  const known = runOf(db, report).select('job_id');
  return {
    sync_pages: sql<number>`CASE WHEN EXISTS ${known} THEN sync_pages ELSE 0 END`,
    sync_records: sql<number>`CASE WHEN EXISTS ${known} THEN sync_records ELSE 0 END`,
  };
}

// A failure without a reason keeps the last one a fetcher reported for this job (its
// `retrying` reports), else the connection's, else the fallback.
function keptError(db: StaxDb, report: SyncReport, fallbackError: string | null) {
  const runError = runOf(db, report).select('error');
  return sql<string | null>`COALESCE(${report.error}, ${runError}, last_error, ${fallbackError})`;
}

// The reason a run keeps: a failure's own, or for `failed` without one, the run's earlier one.
function runError({ report, fallbackError }: SyncChange) {
  if (!FAILURE_OUTCOMES.includes(report.outcome)) return { inserted: null, updated: null };
  const inserted = report.error ?? fallbackError;
  if (report.outcome !== 'failed') return { inserted, updated: inserted };
  return {
    inserted,
    updated: sql<string>`COALESCE(${report.error}, sync_runs.error, ${fallbackError})`,
  };
}

function upsertRun(db: StaxDb, change: SyncChange): Compilable {
  const { report, now } = change;
  const finished = FINAL_OUTCOMES.includes(report.outcome);
  const error = runError(change);
  return db
    .insertInto('sync_runs')
    .columns([
      'job_id',
      'workspace_id',
      'connection_id',
      'status',
      'pages',
      'records',
      'error',
      'started_at',
      'finished_at',
    ])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(report.jobId).as('job_id'),
          eb.val(report.workspaceId).as('workspace_id'),
          eb.val(report.connectionId).as('connection_id'),
          eb.val(report.outcome).as('status'),
          eb.val(report.pages).as('pages'),
          eb.val(report.records).as('records'),
          eb.val(error.inserted).as('error'),
          eb.val(now).as('started_at'),
          eb.val(finished ? now : null).as('finished_at'),
        ])
        .where(({ exists }) => exists(liveConnection(db, report))),
    )
    .onConflict((oc) =>
      oc
        .column('job_id')
        .doUpdateSet({
          status: (eb) => eb.ref('excluded.status'),
          // Counts only grow: a late report with smaller numbers does not undo ingested pages.
          pages: sql<number>`MAX(sync_runs.pages, excluded.pages)`,
          records: sql<number>`MAX(sync_runs.records, excluded.records)`,
          error: error.updated,
          finished_at: (eb) => eb.ref('excluded.finished_at'),
        })
        .where((eb) =>
          eb.and([
            eb('sync_runs.workspace_id', '=', eb.ref('excluded.workspace_id')),
            eb('sync_runs.connection_id', '=', eb.ref('excluded.connection_id')),
            eb('sync_runs.status', 'in', FOLLOWS[report.outcome]),
          ]),
        ),
    );
}

import { createStaxDb, type StaxDb } from '@stax/db';
import type { Logger } from '@stax/log';
import { deleteBillingData } from '@stax/workspaces';

/** The daily cron of the retention job; wrangler.jsonc lists the same expression. */
export const RETENTION_CRON = '17 3 * * *';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per DELETE statement. */
export const RETENTION_BATCH_ROWS = 1_000;
/**
 * Statements per run across every workspace, so one run stays well inside a cron's time
 * limit; what is left is deleted by the next day's run.
 */
export const MAX_RETENTION_BATCHES_PER_RUN = 500;

/** What one run deleted. */
export interface RetentionOutcome {
  workspaces: number;
  costRecords: number;
  usageRecords: number;
  /** False when the run stopped at its batch budget with records still due. */
  complete: boolean;
}

/** The first UTC day a workspace keeps: records of earlier days are past its retention. */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Deletes the cost and usage records of every workspace whose UTC day is before the
 * workspace's cutoff, in bounded batches. This scan spans every workspace by design: it is
 * the system's own job, and each deletion names its workspace.
 */
export async function applyRetention(
  db: StaxDb,
  now: Date,
  maxBatches = MAX_RETENTION_BATCHES_PER_RUN,
): Promise<RetentionOutcome> {
  const workspaces = await db
    .selectFrom('workspaces')
    .select(['id', 'retention_days'])
    .orderBy('id')
    .execute();
  const outcome: RetentionOutcome = {
    workspaces: 0,
    costRecords: 0,
    usageRecords: 0,
    complete: true,
  };
  let batchesLeft = maxBatches;
  for (const workspace of workspaces) {
    const scope = {
      workspaceId: workspace.id,
      before: retentionCutoff(now, workspace.retention_days),
    };
    const deleted = await deleteBillingData(db, scope, {
      batchSize: RETENTION_BATCH_ROWS,
      maxBatches: batchesLeft,
    });
    batchesLeft -= deleted.statements;
    if (deleted.costRecords + deleted.usageRecords > 0) outcome.workspaces += 1;
    outcome.costRecords += deleted.costRecords;
    outcome.usageRecords += deleted.usageRecords;
    if (!deleted.complete || batchesLeft <= 0) return { ...outcome, complete: false };
  }
  return outcome;
}

/** The scheduled entry of the job: runs it and logs what went. */
export async function runRetention(database: D1Database, now: Date, log: Logger): Promise<void> {
  const outcome = await applyRetention(createStaxDb(database), now);
  if (outcome.complete) log.info('retention applied', { ...outcome });
  else log.warn('retention stopped at its batch budget; the rest goes next run', { ...outcome });
}

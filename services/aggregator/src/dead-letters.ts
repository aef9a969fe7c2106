import { SyncJobSchema, type SyncJob } from '@stax/contracts';
import type { Logger } from '@stax/log';
import { recordSyncOutcome } from './sync-status';

/** What the connection shows when its job used up its retries without saying why. */
const DEAD_LETTER_ERROR = 'Sync failed after every retry.';

/**
 * Settles each message of a dead-letter queue on its own: a job that used up its retries
 * fails its run and marks its connection `error`; a body that is not a job is dropped. A
 * storage error retries that message alone.
 */
export async function settleDeadLetters(
  batch: MessageBatch<unknown>,
  database: D1Database,
  log: Logger,
  now: Date,
): Promise<void> {
  for (const message of batch.messages) {
    await settleDeadLetter(message, database, log.child({ queue: batch.queue }), now);
  }
}

async function settleDeadLetter(
  message: Message<unknown>,
  database: D1Database,
  log: Logger,
  now: Date,
): Promise<void> {
  const parsed = SyncJobSchema.safeParse(message.body);
  if (!parsed.success) {
    // The body is not logged: a poison message may hold anything.
    log.warn('dead letter is not a sync job; dropped', { messageId: message.id });
    message.ack();
    return;
  }

  try {
    await failJob(parsed.data, database, log, now);
    message.ack();
  } catch (error) {
    log.error('dead letter not recorded; retrying', { messageId: message.id, error });
    message.retry();
  }
}

async function failJob(job: SyncJob, database: D1Database, log: Logger, now: Date) {
  const report = {
    workspaceId: job.workspaceId,
    connectionId: job.connectionId,
    jobId: job.jobId,
    outcome: 'failed' as const,
    error: null,
    pages: 0,
    records: 0,
  };
  const recorded = await recordSyncOutcome(database, report, now, DEAD_LETTER_ERROR);
  const fields = { jobId: job.jobId, workspaceId: job.workspaceId, requestId: job.requestId };
  if (recorded.ok) log.warn('sync job used up its retries', fields);
  else log.info('dead letter of a gone connection; dropped', fields);
}

import { SyncJobSchema } from '@stax/contracts';
import { createStaxDb } from '@stax/db';
import type { Logger } from '@stax/log';
import type { Env } from '../env';
import { evaluateAllWorkspaces, evaluateWorkspaceAlerts, type AlertDeps } from './evaluate';

function alertDeps(env: Env, log: Logger): AlertDeps {
  return { db: createStaxDb(env.DB), env, log };
}

/**
 * Evaluates the alerts of workspaces whose data just changed (an ingest, a sync outcome, a
 * dead letter). Never throws: the change itself already succeeded, and the hourly schedule
 * evaluates again.
 */
export async function evaluateAfterChange(
  env: Env,
  workspaceIds: Iterable<string>,
  log: Logger,
  now = new Date(),
): Promise<void> {
  for (const workspaceId of new Set(workspaceIds)) {
    try {
      const summary = await evaluateWorkspaceAlerts(alertDeps(env, log), workspaceId, now);
      if (summary.claimed > 0 || summary.failed > 0)
        log.info('alerts evaluated', { workspaceId, ...summary });
    } catch (error) {
      log.error('alerts not evaluated', { workspaceId, error });
    }
  }
}

/** The workspaces named by the sync jobs of a batch of dead letters. */
export function workspacesOfJobs(batch: MessageBatch<unknown>): string[] {
  return batch.messages.flatMap((message) => {
    const job = SyncJobSchema.safeParse(message.body);
    return job.success ? [job.data.workspaceId] : [];
  });
}

/** The schedule's pass over every workspace that may have an alert due. */
export async function evaluateOnSchedule(env: Env, now: Date, log: Logger): Promise<void> {
  try {
    const totals = await evaluateAllWorkspaces(alertDeps(env, log), now);
    log.info('scheduled alert evaluation done', totals);
  } catch (error) {
    log.error('scheduled alert evaluation failed', { error });
  }
}

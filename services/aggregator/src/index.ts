import { WorkerEntrypoint } from 'cloudflare:workers';
import {
  fail,
  type AggregatorApi,
  type AggregatorFailureCode,
  type IngestBatch,
  type Result,
  type SyncReport,
} from '@stax/contracts';
import { createLogger, type Logger } from '@stax/log';
import { evaluateAfterChange, evaluateOnSchedule, workspacesOfJobs } from './alerts/triggers';
import { settleDeadLetters } from './dead-letters';
import type { Env } from './env';
import { ingestRecords, type IngestCounts } from './ingest';
import { RETENTION_CRON, runRetention } from './retention';
import { enqueueDueSyncs } from './schedule';
import { reportSyncOutcome } from './sync-status';

const log = createLogger('aggregator');

const MAX_LOGGED_ID_CHARS = 64;
const LOGGED_FIELDS = ['jobId', 'workspaceId', 'connectionId', 'outcome'] as const;
/** Sync outcomes after which a connection may need an alert. */
const ALERTING_OUTCOMES: ReadonlySet<string> = new Set(['needs_attention', 'failed']);

// What a call's log line may name: its ids, read defensively since the input is not checked
// yet (a value too long to be an id is left out).
function callLogger(input: unknown): Logger {
  const fields: Record<string, string> = {};
  if (typeof input === 'object' && input !== null) {
    for (const name of LOGGED_FIELDS) {
      const value: unknown = Reflect.get(input, name);
      if (typeof value === 'string' && value.length <= MAX_LOGGED_ID_CHARS) fields[name] = value;
    }
  }
  return log.child(fields);
}

// D1 can be briefly unavailable: the caller keeps its job and retries later.
async function guardStorage<T>(
  action: string,
  callLog: Logger,
  run: () => Promise<Result<T, AggregatorFailureCode>>,
): Promise<Result<T, AggregatorFailureCode>> {
  try {
    const result = await run();
    if (!result.ok)
      callLog.warn(`${action} refused`, { code: result.error.code, reason: result.error.message });
    return result;
  } catch (error) {
    callLog.error(`${action} failed in storage`, { error });
    return fail('storage_failed', 'the records could not be stored', { retryable: true });
  }
}

/** RPC surface of the aggregator, reached through service binding `AGGREGATOR`. */
export class AggregatorEntrypoint extends WorkerEntrypoint<Env> implements AggregatorApi {
  async ingest(batch: IngestBatch): Promise<Result<IngestCounts, AggregatorFailureCode>> {
    const callLog = callLogger(batch);
    const startedAt = Date.now();

    const result = await guardStorage('ingest', callLog, () =>
      ingestRecords(this.env.DB, batch, new Date()),
    );

    if (result.ok) {
      callLog.info('records ingested', { ...result.value, ms: Date.now() - startedAt });
      // Spend moved: budgets of the workspace may cross (or fall back under) a threshold.
      this.ctx.waitUntil(evaluateAfterChange(this.env, [batch.workspaceId], callLog));
    }
    return result;
  }

  async reportSync(report: SyncReport): Promise<Result<null, AggregatorFailureCode>> {
    const callLog = callLogger(report);

    const result = await guardStorage('reportSync', callLog, () =>
      reportSyncOutcome(this.env.DB, report, new Date()),
    );

    if (result.ok) callLog.info('sync report recorded');
    if (result.ok && ALERTING_OUTCOMES.has(report.outcome)) {
      this.ctx.waitUntil(evaluateAfterChange(this.env, [report.workspaceId], callLog));
    }
    return result;
  }
}

export default {
  async queue(batch, env): Promise<void> {
    await settleDeadLetters(batch, env.DB, log, new Date());
    // A dead letter leaves its connection in `error`: maybe failing often enough to alert.
    await evaluateAfterChange(env, workspacesOfJobs(batch), log);
  },

  async scheduled(controller, env): Promise<void> {
    if (controller.cron === RETENTION_CRON) {
      await runRetention(env.DB, new Date(controller.scheduledTime), log);
      return;
    }
    const requestId = crypto.randomUUID();
    const outcome = await enqueueDueSyncs(env, new Date(controller.scheduledTime), requestId);
    const fields = { requestId, jobs: outcome.jobs.length, unreadable: outcome.unreadable };
    if (outcome.unreadable > 0) log.warn('due syncs enqueued; some rows unreadable', fields);
    else log.info('due syncs enqueued', fields);
    await evaluateOnSchedule(env, new Date(controller.scheduledTime), log.child({ requestId }));
  },
} satisfies ExportedHandler<Env>;

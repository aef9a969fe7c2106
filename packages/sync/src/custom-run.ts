import { SyncJobSchema, type SyncJob } from '@stax/contracts';
import {
  collectSession,
  ensureLive,
  ingestAll,
  report,
  revealSecret,
  type CustomJob,
  type CustomSource,
  type CustomSyncDeps,
} from './custom-session';
import type { JobOutcome } from './outcome';
import { isFinalAttempt, retryDelaySeconds } from './retry';

const INTERNAL_ERROR = 'The sync stopped on an internal error.';

async function runJob<C>(run: CustomJob, source: CustomSource<C>): Promise<JobOutcome> {
  const secret = await revealSecret(run);
  if (!secret.ok) return secret.outcome;
  const credential = source.credentialOf(secret.value, run.job.settings);
  if (credential === null) {
    const { credentialName, displayName } = source;
    const error = `The stored ${credentialName} or the settings do not fit ${displayName}.`;
    return { kind: 'needs_attention', error, pages: 0 };
  }

  const session = collectSession(run, credential, run.deps.now?.() ?? new Date());
  const collected = await source.collect(session);
  if (!collected.ok) return collected.outcome;

  const live = await ensureLive(run, session.pages);
  if (!live.ok) return live.outcome;
  const ingested = await ingestAll(run, collected.value, session.pages);
  if (!ingested.ok) return ingested.outcome;
  return { kind: 'succeeded', pages: session.pages, records: ingested.value };
}

async function settle(message: Message, run: CustomJob, outcome: JobOutcome): Promise<void> {
  switch (outcome.kind) {
    case 'succeeded': {
      const { pages, records } = outcome;
      await report(run, { outcome: 'succeeded', error: null, pages, records });
      run.log.info('sync succeeded', { pages, records });
      return message.ack();
    }
    case 'dropped':
      run.log.info('sync dropped', { reason: outcome.reason });
      return message.ack();
    case 'needs_attention':
    case 'failed': {
      const { kind, error, pages } = outcome;
      await report(run, { outcome: kind, error, pages, records: 0 });
      run.log.warn('sync stopped', { outcome: kind, error });
      return message.ack();
    }
    case 'retry': {
      const random = run.deps.random ?? Math.random;
      const delaySeconds = retryDelaySeconds(message.attempts, outcome.minDelaySeconds, random);
      // After the last attempt the queue moves the message to its DLQ: say why now.
      const status = isFinalAttempt(message.attempts) ? 'failed' : 'retrying';
      await report(run, {
        outcome: status,
        error: outcome.error,
        pages: outcome.pages,
        records: 0,
      });
      run.log.warn('sync will retry', { attempts: message.attempts, delaySeconds });
      return message.retry({ delaySeconds });
    }
  }
}

function parseJob<C>(body: unknown, source: CustomSource<C>): SyncJob | string {
  const parsed = SyncJobSchema.safeParse(body);
  if (!parsed.success) return 'the body is not a sync job';
  if (parsed.data.provider !== source.provider) return 'the job is for another provider';
  if (parsed.data.to <= parsed.data.from) return 'the window is empty';
  return parsed.data;
}

async function runMessage<C>(message: Message, source: CustomSource<C>, deps: CustomSyncDeps) {
  const job = parseJob(message.body, source);
  if (typeof job === 'string') {
    // The body may be anything; only the message id goes to the log.
    deps.log.error('poison sync message sent to the dead-letter queue', {
      messageId: message.id,
      reason: job,
    });
    await deps.deadLetters.send(message.body);
    return message.ack();
  }
  const { jobId, workspaceId, connectionId, provider, requestId } = job;
  const log = deps.log.child({ requestId, jobId, workspaceId, connectionId, provider });
  const run: CustomJob = { job, source, deps, log };
  const started = { outcome: 'started', error: null, pages: 0, records: 0 } as const;
  if ((await report(run, started)) === 'connection_gone') {
    return settle(message, run, { kind: 'dropped', reason: 'connection gone' });
  }

  let outcome: JobOutcome;
  try {
    outcome = await runJob(run, source);
  } catch (error) {
    log.error('sync threw', { error });
    outcome = { kind: 'retry', error: INTERNAL_ERROR, pages: 0, minDelaySeconds: 0 };
  }
  return settle(message, run, outcome);
}

/**
 * Consumes a batch of sync jobs of a custom source. Each message is acked or retried on its
 * own; a poison message goes straight to the dead-letter queue.
 */
export async function handleCustomSyncBatch<C>(
  batch: MessageBatch<unknown>,
  source: CustomSource<C>,
  deps: CustomSyncDeps,
): Promise<void> {
  const runOne = async (message: Message) => {
    try {
      await runMessage(message, source, deps);
    } catch (error) {
      deps.log.error('sync message failed', { messageId: message.id, error });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts, 0, Math.random) });
    }
  };
  await Promise.all(batch.messages.map(runOne));
}

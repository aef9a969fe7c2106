import { SyncJobSchema, type SyncJob } from '@stax/contracts';
import { createProviderClient } from '@stax/providers';
import type { JobContext, SyncDeps } from './context';
import type { JobOutcome } from './outcome';
import { reportSync } from './report';
import { retryDelaySeconds } from './retry';
import { runJob } from './run-job';
import { settle } from './settle';

const INTERNAL_ERROR = 'The sync stopped on an internal error.';

function parseJob(body: unknown, deps: SyncDeps): SyncJob | string {
  const parsed = SyncJobSchema.safeParse(body);
  if (!parsed.success) return 'the body is not a sync job';
  if (parsed.data.provider !== deps.adapter.provider) return 'the job is for another provider';
  if (parsed.data.to <= parsed.data.from) return 'the window is empty';
  return parsed.data;
}

// The body may be anything; only the message id goes to the log.
async function deadLetter(message: Message, deps: SyncDeps, reason: string): Promise<void> {
  deps.log.error('poison sync message sent to the dead-letter queue', {
    messageId: message.id,
    reason,
  });
  await deps.deadLetters.send(message.body);
  message.ack();
}

function jobContext(job: SyncJob, deps: SyncDeps): JobContext {
  const { jobId, workspaceId, connectionId, provider, requestId } = job;
  const log = deps.log.child({ requestId, jobId, workspaceId, connectionId, provider });
  const client = createProviderClient({
    provider: deps.adapter.provider,
    baseUrl: deps.baseUrl,
    ...(deps.fetcher ? { fetcher: deps.fetcher } : {}),
  });
  const now = deps.now?.() ?? new Date();
  return { job, deps, log, client, now, lastCallAt: null };
}

async function runToOutcome(ctx: JobContext): Promise<JobOutcome> {
  try {
    return await runJob(ctx);
  } catch (error) {
    ctx.log.error('sync threw', { error });
    return { kind: 'retry', error: INTERNAL_ERROR, pages: 0, minDelaySeconds: 0 };
  }
}

async function runMessage(message: Message, deps: SyncDeps): Promise<void> {
  const job = parseJob(message.body, deps);
  if (typeof job === 'string') return deadLetter(message, deps, job);

  const ctx = jobContext(job, deps);
  const fields = { outcome: 'started', error: null, pages: 0, records: 0 } as const;
  if ((await reportSync(ctx, fields)) === 'connection_gone') {
    return settle(message, ctx, { kind: 'dropped', reason: 'connection gone' });
  }

  return settle(message, ctx, await runToOutcome(ctx));
}

// The last line of defence: whatever escapes a message's run retries that message alone.
async function runMessageSafely(message: Message, deps: SyncDeps): Promise<void> {
  try {
    await runMessage(message, deps);
  } catch (error) {
    deps.log.error('sync message failed', { messageId: message.id, error });
    const random = deps.random ?? Math.random;
    const delaySeconds = retryDelaySeconds(message.attempts, 0, random, deps.retryBaseSeconds);
    message.retry({ delaySeconds });
  }
}

/**
 * Consumes a batch of sync jobs of one provider. Each message is acked or retried on its own,
 * so one bad message never holds back the others; a poison message goes straight to the
 * dead-letter queue.
 */
export async function handleSyncBatch(batch: MessageBatch<unknown>, deps: SyncDeps) {
  await Promise.all(batch.messages.map((message) => runMessageSafely(message, deps)));
}

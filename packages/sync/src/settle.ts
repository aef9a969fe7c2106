import type { JobContext } from './context';
import type { JobOutcome } from './outcome';
import { reportSync } from './report';
import { isFinalAttempt, retryDelaySeconds } from './retry';

type RetryOutcome = Extract<JobOutcome, { kind: 'retry' }>;

async function retryLater(message: Message, ctx: JobContext, outcome: RetryOutcome) {
  const random = ctx.deps.random ?? Math.random;
  const delaySeconds = retryDelaySeconds(
    message.attempts,
    outcome.minDelaySeconds,
    random,
    ctx.deps.retryBaseSeconds,
  );
  // After the last attempt the queue moves the message to its dead-letter queue: say why now.
  const status = isFinalAttempt(message.attempts) ? 'failed' : 'retrying';
  await reportSync(ctx, {
    outcome: status,
    error: outcome.error,
    pages: outcome.pages,
    records: 0,
  });
  ctx.log.warn('sync will retry', {
    attempts: message.attempts,
    delaySeconds,
    error: outcome.error,
  });
  message.retry({ delaySeconds });
}

/** Reports a job's outcome and acks or retries its message accordingly. */
export async function settle(message: Message, ctx: JobContext, outcome: JobOutcome) {
  switch (outcome.kind) {
    case 'succeeded': {
      const { pages, records } = outcome;
      await reportSync(ctx, { outcome: 'succeeded', error: null, pages, records });
      ctx.log.info('sync succeeded', { pages, records });
      return message.ack();
    }
    case 'dropped':
      ctx.log.info('sync dropped', { reason: outcome.reason });
      return message.ack();
    case 'needs_attention':
    case 'failed': {
      const { kind, error, pages } = outcome;
      await reportSync(ctx, { outcome: kind, error, pages, records: 0 });
      ctx.log.warn('sync stopped', { outcome: kind, error });
      return message.ack();
    }
    case 'retry':
      return retryLater(message, ctx, outcome);
  }
}

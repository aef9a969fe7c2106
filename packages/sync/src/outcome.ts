import type { Failure } from '@stax/contracts';

/**
 * How a sync job ended, as a value: what to report to the aggregator and whether to ack or
 * retry the message follow from it alone. Errors are in plain words: the connection shows them.
 */
export type JobOutcome =
  | { kind: 'succeeded'; pages: number; records: number }
  /** The connection or its credential is gone: drop the job without a report. */
  | { kind: 'dropped'; reason: string }
  /** Only the user can fix it (a rejected key): stop, never retry. */
  | { kind: 'needs_attention'; error: string; pages: number }
  /** Trying again will not help. */
  | { kind: 'failed'; error: string; pages: number }
  /** Trying again later may help; wait at least `minDelaySeconds`. */
  | { kind: 'retry'; error: string; pages: number; minDelaySeconds: number };

/** One step of a job: its value, or the outcome that ends the job there. */
export type Step<T> = { ok: true; value: T } | { ok: false; outcome: JobOutcome };

/** Ends the job with an outcome. */
export function stop(outcome: JobOutcome): { ok: false; outcome: JobOutcome } {
  return { ok: false, outcome };
}

/** Retries a retryable failure, otherwise fails the job, with the given words for the user. */
export function retryOrFail(failure: Failure, error: string, pages: number): JobOutcome {
  if (!failure.retryable) return { kind: 'failed', error, pages };
  return { kind: 'retry', error, pages, minDelaySeconds: failure.retryAfterSeconds ?? 0 };
}

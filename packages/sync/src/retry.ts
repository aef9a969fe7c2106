/** Attempts a sync message gets: the queue's `max_retries` (5) plus the first delivery. */
export const MAX_ATTEMPTS = 6;

/** The first retry waits about this long; each later one waits twice as long as the last. */
export const RETRY_BASE_SECONDS = 30;

/** The longest base an environment may set; past an hour a retry is a schedule. */
const MAX_RETRY_BASE_SECONDS = 3600;

/** The longest delay Queues accepts for a retry. */
export const MAX_RETRY_DELAY_SECONDS = 12 * 60 * 60;

/**
 * Seconds to wait before the next attempt: exponential in the attempts made so far, plus up to
 * one base of jitter so that messages failed together do not all come back together. A
 * provider's Retry-After, when longer, wins. Never more than Queues' maximum.
 */
export function retryDelaySeconds(
  attempts: number,
  minimumSeconds: number,
  random: () => number,
  baseSeconds = RETRY_BASE_SECONDS,
): number {
  const exponent = Math.max(0, attempts - 1);
  const backoff = baseSeconds * 2 ** exponent;
  const jitter = Math.floor(random() * baseSeconds);
  return Math.min(MAX_RETRY_DELAY_SECONDS, Math.max(minimumSeconds, backoff + jitter));
}

/** Whether this delivery is the last the queue makes before the dead-letter queue. */
export function isFinalAttempt(attempts: number): boolean {
  return attempts >= MAX_ATTEMPTS;
}

/**
 * The retry base of an environment from its `SYNC_RETRY_BASE_SECONDS` variable: a whole number
 * of seconds from 1 to an hour. Absent or anything else gives production's RETRY_BASE_SECONDS,
 * so only an environment that asks for it (local runs, the load test) retries sooner.
 */
export function retryBaseSecondsOf(value: string | undefined): number {
  const seconds = Number(value);
  const valid = Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_RETRY_BASE_SECONDS;
  return valid ? seconds : RETRY_BASE_SECONDS;
}

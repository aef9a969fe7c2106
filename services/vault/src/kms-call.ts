import type { Logger } from '@stax/log';

/**
 * Calls the KMS and tells an answer from no answer: null when the call threw (the binding
 * is down, overloaded or timed out), which is retryable, unlike any answer it gives.
 */
export async function callKms<T>(call: () => Promise<T>, log: Logger): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    log.warn('kms unreachable', { error });
    return null;
  }
}

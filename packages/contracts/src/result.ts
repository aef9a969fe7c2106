/** An expected failure, carried as a value across RPC (thrown errors lose their type there). */
export interface Failure<C extends string = string> {
  code: C;
  message: string;
  /** Whether trying again later may succeed. */
  retryable: boolean;
  /** Seconds to wait before retrying, when the cause said so (a provider's Retry-After). */
  retryAfterSeconds?: number;
}

export type Result<T, C extends string = string> =
  { ok: true; value: T } | { ok: false; error: Failure<C> };

/** Wraps a value as a success. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps an expected failure. */
export function fail<C extends string>(
  code: C,
  message: string,
  options: { retryable?: boolean; retryAfterSeconds?: number } = {},
): { ok: false; error: Failure<C> } {
  const error: Failure<C> = { code, message, retryable: options.retryable ?? false };
  if (options.retryAfterSeconds !== undefined) error.retryAfterSeconds = options.retryAfterSeconds;
  return { ok: false, error };
}

import {
  fail,
  ok,
  type CheckFailureCode,
  type ConnectionSettings,
  type Result,
  SecretSchema,
} from '@stax/contracts';
import type { Logger } from '@stax/log';
import { createProviderClient, sendRequest, type ProviderAdapter } from '@stax/providers';

/** Test seams (`fetcher`, `now`), the logger of the calling Worker, the connection's settings. */
export interface CheckCredentialOptions {
  fetcher?: typeof fetch;
  settings?: ConnectionSettings;
  log?: Logger;
  now?: Date;
}

/**
 * Asks the provider, with one narrow read call, whether it accepts an admin key. The key's
 * format is checked first: a malformed key never leaves the Worker.
 */
export async function checkCredential(
  adapter: ProviderAdapter<unknown>,
  secret: unknown,
  baseUrl: string,
  options: CheckCredentialOptions = {},
): Promise<Result<null, CheckFailureCode>> {
  const stored = SecretSchema.safeParse(secret);
  const credential =
    stored.success && adapter.credentialOf
      ? adapter.credentialOf(stored.data, options.settings)
      : secret;
  const parsed = adapter.credentialFormat.safeParse(credential);
  if (!parsed.success) {
    const name = adapter.credentialName ?? 'admin key';
    return fail('invalid_format', `This is not in the format of ${adapter.displayName} ${name}s.`);
  }

  const client = createProviderClient({
    provider: adapter.provider,
    baseUrl,
    ...(options.fetcher ? { fetcher: options.fetcher } : {}),
  });
  const request = adapter.checkRequest(options.now ?? new Date(), parsed.data);
  const answer = await sendRequest(client, request, adapter.authHeaders(parsed.data));
  if (answer.ok) return ok(null);

  const { code, status, retryable, retryAfterSeconds } = answer.error;
  options.log?.warn('credential check failed', { provider: adapter.provider, code, status });
  const shown = status === null ? '' : ` (${status})`;
  if (code === 'unauthorized') {
    return fail('rejected', `${adapter.displayName} rejected the key${shown}.`);
  }
  const retry = retryAfterSeconds === undefined ? { retryable } : { retryable, retryAfterSeconds };
  return fail('upstream_error', `${adapter.displayName} could not check the key${shown}.`, retry);
}

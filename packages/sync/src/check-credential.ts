import { fail, ok, type CheckFailureCode, type Result } from '@stax/contracts';
import type { Logger } from '@stax/log';
import { createProviderClient, type ProviderAdapter } from '@stax/providers';

/** Test seams (`fetcher`, `now`) and the logger of the calling Worker. */
export interface CheckCredentialOptions {
  fetcher?: typeof fetch;
  log?: Logger;
  now?: Date;
}

/**
 * Asks the provider, with one narrow read call, whether it accepts an admin key. The key's
 * format is checked first: a malformed key never leaves the Worker.
 */
export async function checkCredential(
  adapter: ProviderAdapter,
  secret: unknown,
  baseUrl: string,
  options: CheckCredentialOptions = {},
): Promise<Result<null, CheckFailureCode>> {
  const adminKey = adapter.credentialFormat.safeParse(secret);
  if (!adminKey.success) {
    return fail(
      'invalid_format',
      `This is not in the format of ${adapter.displayName} admin keys.`,
    );
  }

  const client = createProviderClient({
    provider: adapter.provider,
    baseUrl,
    ...(options.fetcher ? { fetcher: options.fetcher } : {}),
  });
  const request = adapter.checkRequest(options.now ?? new Date());
  const answer = await client.get(request.path, request.query, adapter.authHeaders(adminKey.data));
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

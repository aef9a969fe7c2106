import { WorkerEntrypoint } from 'cloudflare:workers';
import {
  fail,
  ok,
  type CheckFailureCode,
  type ConnectionSettings,
  type FetcherApi,
  type Result,
  type Secret,
} from '@stax/contracts';
import { createLogger } from '@stax/log';
import {
  billingAccountPath,
  googleAccessToken,
  parseGoogleConnection,
  tokenCacheKey,
  type ProviderAnswer,
} from '@stax/providers';
import { handleCustomSyncBatch } from '@stax/sync';
import type { Env } from './env';
import { googleApis } from './google-apis';
import { googleSource } from './google.source';

const log = createLogger('fetcher-google');
const MAX_REQUEST_ID_CHARS = 64;
// A key being checked has no connection yet; its token is cached under this name.
const CHECK_CACHE_PREFIX = 'check';

function checkFailure(answer: { status: number | null; code: string }, retryable: boolean) {
  const shown = answer.status === null ? '' : ` (${answer.status})`;
  if (answer.code === 'unauthorized') {
    return fail('rejected', `Google Cloud refused the service account key${shown}.`);
  }
  return fail('upstream_error', `Google Cloud could not check the key${shown}.`, { retryable });
}

/**
 * Lets the gateway ask Google whether a pasted key file can read the billing account: a token
 * exchange, then one read of `billingAccounts.get`.
 */
export class FetcherEntrypoint extends WorkerEntrypoint<Env> implements FetcherApi {
  async checkCredential(
    secret: Secret,
    requestId: string,
    settings?: ConnectionSettings,
  ): Promise<Result<null, CheckFailureCode>> {
    const input = parseGoogleConnection(secret, settings);
    if (!input.ok || requestId.length > MAX_REQUEST_ID_CHARS) {
      return fail('invalid_format', input.ok ? 'The request id is too long.' : input.error.message);
    }
    const checkLog = log.child({ requestId });
    const apis = googleApis(this.env);
    const { key, settings: target } = input.value;
    const now = new Date();
    const exchange = { client: apis.oauth, tokenUrl: apis.tokenUrl, cache: apis.tokens };
    const token = await googleAccessToken(
      exchange,
      tokenCacheKey(CHECK_CACHE_PREFIX, key),
      key,
      now,
    );
    if (!token.ok) {
      checkLog.warn('credential check failed', { step: 'token', code: token.error.code });
      const status = 'status' in token.error ? token.error.status : null;
      const { code } = token.error;
      return checkFailure({ status, code }, code === 'upstream' || code === 'rate_limited');
    }
    const path = billingAccountPath(target.billingAccountId);
    const auth = { authorization: `Bearer ${token.value}` };
    const answer: ProviderAnswer = await apis.billing.get(path, [], auth);
    if (answer.ok) return ok(null);
    checkLog.warn('credential check failed', { step: 'billing account', code: answer.error.code });
    return checkFailure(answer.error, answer.error.retryable);
  }
}

export default {
  // Consumer of queue sync-google: one message per connection and window of days.
  async queue(batch, env) {
    await handleCustomSyncBatch(batch, googleSource(googleApis(env)), {
      vault: env.VAULT,
      aggregator: env.AGGREGATOR,
      deadLetters: env.DEAD_LETTERS,
      log,
    });
  },
} satisfies ExportedHandler<Env>;

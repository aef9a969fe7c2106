import { WorkerEntrypoint } from 'cloudflare:workers';
import { z } from 'zod';
import {
  fail,
  SecretSchema,
  type CheckFailureCode,
  type FetcherApi,
  type Result,
  type Secret,
} from '@stax/contracts';
import { createLogger } from '@stax/log';
import { anthropicAdapter } from '@stax/providers';
import { checkCredential, handleSyncBatch, retryBaseSecondsOf } from '@stax/sync';
import type { Env } from './env';

const log = createLogger('fetcher-anthropic');

const CheckInputSchema = z.strictObject({
  secret: SecretSchema,
  requestId: z.string().max(64),
});

/** Lets the gateway ask Anthropic whether it accepts a pasted admin key, before it is stored. */
export class FetcherEntrypoint extends WorkerEntrypoint<Env> implements FetcherApi {
  async checkCredential(
    secret: Secret,
    requestId: string,
  ): Promise<Result<null, CheckFailureCode>> {
    const input = CheckInputSchema.safeParse({ secret, requestId });
    if (!input.success) return fail('invalid_format', 'The credential is not an admin key.');

    return checkCredential(anthropicAdapter, input.data.secret, this.env.ANTHROPIC_BASE_URL, {
      log: log.child({ requestId: input.data.requestId }),
    });
  }
}

export default {
  // Consumer of queue sync-anthropic: one message per connection and window of days.
  async queue(batch, env) {
    await handleSyncBatch(batch, {
      adapter: anthropicAdapter,
      vault: env.VAULT,
      aggregator: env.AGGREGATOR,
      deadLetters: env.DEAD_LETTERS,
      baseUrl: env.ANTHROPIC_BASE_URL,
      log,
      retryBaseSeconds: retryBaseSecondsOf(env.SYNC_RETRY_BASE_SECONDS),
    });
  },
} satisfies ExportedHandler<Env>;

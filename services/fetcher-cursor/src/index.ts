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
import { cursorAdapter } from '@stax/providers';
import { checkCredential, handleSyncBatch } from '@stax/sync';
import type { Env } from './env';

const log = createLogger('fetcher-cursor');

const CheckInputSchema = z.strictObject({
  secret: SecretSchema,
  requestId: z.string().max(64),
});

/** Lets the gateway ask Cursor whether it accepts a pasted Admin API key, before it is stored. */
export class FetcherEntrypoint extends WorkerEntrypoint<Env> implements FetcherApi {
  async checkCredential(
    secret: Secret,
    requestId: string,
  ): Promise<Result<null, CheckFailureCode>> {
    const input = CheckInputSchema.safeParse({ secret, requestId });
    if (!input.success) return fail('invalid_format', 'The credential is not an Admin API key.');

    return checkCredential(cursorAdapter, input.data.secret, this.env.CURSOR_BASE_URL, {
      log: log.child({ requestId: input.data.requestId }),
    });
  }
}

export default {
  // Consumer of queue sync-cursor: one message per connection and window of days, one at a time.
  async queue(batch, env) {
    await handleSyncBatch(batch, {
      adapter: cursorAdapter,
      vault: env.VAULT,
      aggregator: env.AGGREGATOR,
      deadLetters: env.DEAD_LETTERS,
      baseUrl: env.CURSOR_BASE_URL,
      log,
    });
  },
} satisfies ExportedHandler<Env>;

import { WorkerEntrypoint } from 'cloudflare:workers';
import { z } from 'zod';
import {
  ConnectionSettingsSchema,
  fail,
  SecretSchema,
  type CheckFailureCode,
  type ConnectionSettings,
  type FetcherApi,
  type Result,
  type Secret,
} from '@stax/contracts';
import { createLogger } from '@stax/log';
import { gitHubAdapter } from '@stax/providers';
import { checkCredential, handleSyncBatch } from '@stax/sync';
import type { Env } from './env';

const log = createLogger('fetcher-github');

const CheckInputSchema = z.strictObject({
  secret: SecretSchema,
  requestId: z.string().max(64),
  // The organization to read (`org`) comes with the connection's settings.
  settings: ConnectionSettingsSchema.optional(),
});

/** Lets the gateway ask GitHub whether a token reads an organization's Copilot billing. */
export class FetcherEntrypoint extends WorkerEntrypoint<Env> implements FetcherApi {
  async checkCredential(
    secret: Secret,
    requestId: string,
    settings?: ConnectionSettings,
  ): Promise<Result<null, CheckFailureCode>> {
    const input = CheckInputSchema.safeParse({ secret, requestId, settings });
    if (!input.success) return fail('invalid_format', 'The credential is not a GitHub token.');

    const { data } = input;
    return checkCredential(gitHubAdapter, data.secret, this.env.GITHUB_API_URL, {
      log: log.child({ requestId: data.requestId }),
      ...(data.settings ? { settings: data.settings } : {}),
    });
  }
}

export default {
  // Consumer of queue sync-github: one message per connection and window of days.
  async queue(batch, env) {
    await handleSyncBatch(batch, {
      adapter: gitHubAdapter,
      vault: env.VAULT,
      aggregator: env.AGGREGATOR,
      deadLetters: env.DEAD_LETTERS,
      baseUrl: env.GITHUB_API_URL,
      log,
    });
  },
} satisfies ExportedHandler<Env>;

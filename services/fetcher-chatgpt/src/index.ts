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
  ChatGptAnalyticsKeySchema,
  ChatGptSettingsSchema,
  codexCheckRequest,
  codexUsagePath,
  createProviderClient,
} from '@stax/providers';
import { handleCustomSyncBatch } from '@stax/sync';
import { chatGptSource } from './chatgpt.source';
import type { Env } from './env';

const log = createLogger('fetcher-chatgpt');
const MAX_REQUEST_ID_CHARS = 64;

function client(env: Env) {
  return createProviderClient({ provider: 'chatgpt', baseUrl: env.CHATGPT_BASE_URL });
}

/** Lets the gateway ask ChatGPT whether it accepts a pasted analytics key, before storing it. */
export class FetcherEntrypoint extends WorkerEntrypoint<Env> implements FetcherApi {
  async checkCredential(
    secret: Secret,
    requestId: string,
    settings?: ConnectionSettings,
  ): Promise<Result<null, CheckFailureCode>> {
    const key = ChatGptAnalyticsKeySchema.safeParse(secret);
    const target = ChatGptSettingsSchema.safeParse(settings);
    if (!key.success || !target.success || requestId.length > MAX_REQUEST_ID_CHARS) {
      return fail('invalid_format', 'This is not a ChatGPT analytics key with a workspace id.');
    }

    const path = codexUsagePath(target.data.workspaceId);
    const auth = { authorization: `Bearer ${key.data}` };
    const answer = await client(this.env).get(path, codexCheckRequest(new Date()), auth);
    if (answer.ok) return ok(null);

    const { code, status, retryable } = answer.error;
    log.child({ requestId }).warn('credential check failed', { code, status });
    const shown = status === null ? '' : ` (${status})`;
    if (code === 'unauthorized') return fail('rejected', `ChatGPT rejected the key${shown}.`);
    return fail('upstream_error', `ChatGPT could not check the key${shown}.`, { retryable });
  }
}

export default {
  // Consumer of queue sync-chatgpt: one message per connection and window of days.
  async queue(batch, env) {
    await handleCustomSyncBatch(batch, chatGptSource(client(env)), {
      vault: env.VAULT,
      aggregator: env.AGGREGATOR,
      deadLetters: env.DEAD_LETTERS,
      log,
    });
  },
} satisfies ExportedHandler<Env>;

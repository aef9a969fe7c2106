import { WorkerEntrypoint } from 'cloudflare:workers';
import {
  fail,
  SecretSchema,
  type AggregatorApi,
  type CheckFailureCode,
  type FetcherApi,
  type Result,
  type Secret,
  type VaultApi,
} from '@stax/contracts';
import { createLogger } from '@stax/log';
import type { ProviderAdapter } from '@stax/providers';
import { checkCredential } from './check-credential';
import { retryBaseSecondsOf } from './retry';
import { handleSyncBatch } from './sync-batch';

/** The bindings every report-style fetcher Worker has. */
export interface FetcherEnv {
  VAULT: VaultApi;
  AGGREGATOR: AggregatorApi;
  DEAD_LETTERS: Queue;
  SYNC_RETRY_BASE_SECONDS?: string;
}

const MAX_REQUEST_ID_CHARS = 64;

/**
 * The two halves of a fetcher Worker for one provider: the entrypoint the gateway asks to
 * check a pasted key, and the consumer of the provider's sync queue.
 */
export function createFetcherWorker<E extends FetcherEnv>(options: {
  service: string;
  adapter: ProviderAdapter<unknown>;
  baseUrlOf: (env: E) => string;
}) {
  const log = createLogger(options.service);

  class FetcherEntrypoint extends WorkerEntrypoint<E> implements FetcherApi {
    async checkCredential(
      secret: Secret,
      requestId: string,
    ): Promise<Result<null, CheckFailureCode>> {
      const parsed = SecretSchema.safeParse(secret);
      const idOk = typeof requestId === 'string' && requestId.length <= MAX_REQUEST_ID_CHARS;
      if (!parsed.success || !idOk) return fail('invalid_format', 'The credential is not a key.');

      return checkCredential(options.adapter, parsed.data, options.baseUrlOf(this.env), {
        log: log.child({ requestId }),
      });
    }
  }

  const handler = {
    async queue(batch: MessageBatch<unknown>, env: E): Promise<void> {
      await handleSyncBatch(batch, {
        adapter: options.adapter,
        vault: env.VAULT,
        aggregator: env.AGGREGATOR,
        deadLetters: env.DEAD_LETTERS,
        baseUrl: options.baseUrlOf(env),
        log,
        retryBaseSeconds: retryBaseSecondsOf(env.SYNC_RETRY_BASE_SECONDS),
      });
    },
  } satisfies ExportedHandler<E>;

  return { FetcherEntrypoint, handler };
}

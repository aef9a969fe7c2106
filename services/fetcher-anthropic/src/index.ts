import { anthropicAdapter } from '@stax/providers';
import { createFetcherWorker } from '@stax/sync';
import type { Env } from './env';

// Consumer of queue sync-anthropic, and the key check the gateway asks for before storing a key.
const worker = createFetcherWorker<Env>({
  service: 'fetcher-anthropic',
  adapter: anthropicAdapter,
  baseUrlOf: (env) => env.ANTHROPIC_BASE_URL,
});

export class FetcherEntrypoint extends worker.FetcherEntrypoint {}

export default worker.handler satisfies ExportedHandler<Env>;

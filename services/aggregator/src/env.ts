import type { SyncJob } from '@stax/contracts';

/** The bindings of the aggregator Worker. */
export interface Env {
  /** D1 `stax`: connections, cost and usage records, sync runs. */
  DB: D1Database;
  /** Producer of queue `sync-openai`, consumed by the OpenAI fetcher. */
  SYNC_OPENAI: Queue<SyncJob>;
  /** Producer of queue `sync-anthropic`, consumed by the Anthropic fetcher. */
  SYNC_ANTHROPIC: Queue<SyncJob>;
}

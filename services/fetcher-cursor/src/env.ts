import type { AggregatorApi, VaultApi } from '@stax/contracts';

/** The bindings of the Cursor fetcher Worker. */
export interface Env {
  /** Reveals the Admin API key of a connection (audited) and says whether it still exists. */
  VAULT: VaultApi;
  /** Takes the normalized records and the status of each sync run. */
  AGGREGATOR: AggregatorApi;
  /** Where a message that is not a sync job goes at once. */
  DEAD_LETTERS: Queue;
  /** Cursor's Admin API origin; the simulator's in local development. */
  CURSOR_BASE_URL: string;
  /** Seconds before a failed sync's first retry; absent in production (30). Local runs: 1. */
  SYNC_RETRY_BASE_SECONDS?: string;
}

import type { AggregatorApi, SyncJob, VaultApi } from '@stax/contracts';

/** The bindings of the benchmarks' driver Worker. */
export interface Env {
  /** D1 `stax`, shared with the gateway and the aggregator. */
  DB: D1Database;
  /** A second local D1 with the `stax` schema: the raw-insert limit writes here. */
  RAW_DB: D1Database;
  GATEWAY: Fetcher;
  AGGREGATOR: AggregatorApi;
  VAULT: VaultApi;
  SYNC_OPENAI: Queue<SyncJob>;
}

import type { AggregatorApi, VaultApi } from '@stax/contracts';

/** The bindings of the GitHub fetcher Worker. */
export interface Env {
  /** Reveals the token of a connection (audited) and says whether it still exists. */
  VAULT: VaultApi;
  /** Takes the normalized records, seat counts and the status of each sync run. */
  AGGREGATOR: AggregatorApi;
  /** Where a message that is not a sync job goes at once. */
  DEAD_LETTERS: Queue;
  /** GitHub's REST API origin; the simulator's in local development. */
  GITHUB_API_URL: string;
}

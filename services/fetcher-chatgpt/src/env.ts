import type { AggregatorApi, VaultApi } from '@stax/contracts';

/** The bindings of the ChatGPT Enterprise fetcher Worker. */
export interface Env {
  /** Reveals the analytics key of a connection (audited) and says whether it still exists. */
  VAULT: VaultApi;
  /** Takes the normalized records and the status of each sync run. */
  AGGREGATOR: AggregatorApi;
  /** Where a message that is not a sync job goes at once. */
  DEAD_LETTERS: Queue;
  /** The ChatGPT API origin (`https://api.chatgpt.com`); the simulator's locally. */
  CHATGPT_BASE_URL: string;
}

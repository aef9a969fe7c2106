import type { AggregatorApi, VaultApi } from '@stax/contracts';

/** The bindings of the Google fetcher Worker. */
export interface Env {
  /** Reveals the service account key of a connection (audited) and says whether it exists. */
  VAULT: VaultApi;
  /** Takes the normalized records and the status of each sync run. */
  AGGREGATOR: AggregatorApi;
  /** Where a message that is not a sync job goes at once. */
  DEAD_LETTERS: Queue;
  /** Google's token endpoint origin (`https://oauth2.googleapis.com`). */
  GOOGLE_OAUTH_URL: string;
  /** Cloud Billing's origin (`https://cloudbilling.googleapis.com`). */
  GOOGLE_BILLING_URL: string;
  /** BigQuery's origin (`https://bigquery.googleapis.com`). */
  GOOGLE_BIGQUERY_URL: string;
}

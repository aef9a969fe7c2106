import type { AggregatorApi, CredentialRef, SyncJob, VaultApi } from '@stax/contracts';
import type { Logger } from '@stax/log';
import type { ProviderAdapter, ProviderClient } from '@stax/providers';

/** What a fetcher hands the runner: its provider, the bindings it talks to, its config. */
export interface SyncDeps {
  /**
   * The provider's adapter. Its credential type is erased here: the runner parses the secret
   * with the adapter's own schema and hands the result back only to that adapter.
   */
  adapter: ProviderAdapter<unknown>;
  vault: VaultApi;
  aggregator: AggregatorApi;
  /** Poison messages go here at once; retries exhausted go by the queue's own DLQ setting. */
  deadLetters: Queue;
  /** The provider's origin (the simulator's in local development). */
  baseUrl: string;
  log: Logger;
  fetcher?: typeof fetch;
  /** The source of retry jitter, in [0, 1). */
  random?: () => number;
  /** The first retry's delay in seconds; RETRY_BASE_SECONDS (production's) when absent. */
  retryBaseSeconds?: number;
  /** Waits between calls of a provider with a per-minute cap; a timer when absent. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock; tests fix it. */
  now?: () => Date;
}

/** One job being run: the job, its dependencies, a logger bound to it, and its client. */
export interface JobContext {
  job: SyncJob;
  deps: SyncDeps;
  log: Logger;
  client: ProviderClient;
  /** When the job started: snapshots (seats, cycle-to-date spend) are dated by it. */
  now: Date;
  /** When the last provider call of this job went out, for pacing. */
  lastCallAt: number | null;
}

/** The vault's name of the job's credential. */
export function credentialRef(job: SyncJob): CredentialRef {
  return {
    workspaceId: job.workspaceId,
    connectionId: job.connectionId,
    provider: job.provider,
  };
}

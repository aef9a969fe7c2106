import type { AggregatorApi, CredentialRef, SyncJob, VaultApi } from '@stax/contracts';
import type { Logger } from '@stax/log';
import type { ProviderAdapter, ProviderClient } from '@stax/providers';

/** What a fetcher hands the runner: its provider, the bindings it talks to, its config. */
export interface SyncDeps {
  adapter: ProviderAdapter;
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
}

/** One job being run: the job, its dependencies, a logger bound to it, and its client. */
export interface JobContext {
  job: SyncJob;
  deps: SyncDeps;
  log: Logger;
  client: ProviderClient;
}

/** The vault's name of the job's credential. */
export function credentialRef(job: SyncJob): CredentialRef {
  return {
    workspaceId: job.workspaceId,
    connectionId: job.connectionId,
    provider: job.provider,
  };
}

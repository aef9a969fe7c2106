export { checkCredential } from './check-credential';
export type { CheckCredentialOptions } from './check-credential';
export { MAX_PAGE_COUNT } from './collect';
export type { SyncDeps } from './context';
export { MAX_RECORDS_PER_INGEST } from './ingest';
export type { JobOutcome, Step } from './outcome';
export {
  isFinalAttempt,
  MAX_ATTEMPTS,
  MAX_RETRY_DELAY_SECONDS,
  RETRY_BASE_SECONDS,
  retryBaseSecondsOf,
  retryDelaySeconds,
} from './retry';
export { handleSyncBatch } from './sync-batch';
export { handleCustomSyncBatch } from './custom-run';
export type { CollectedSet, CollectSession, CustomSource, CustomSyncDeps } from './custom-session';
export { createFetcherWorker } from './fetcher-worker';
export type { FetcherEnv } from './fetcher-worker';

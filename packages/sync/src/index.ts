export { checkCredential } from './check-credential';
export type { CheckCredentialOptions } from './check-credential';
export { MAX_PAGE_COUNT } from './collect';
export type { SyncDeps } from './context';
export { MAX_RECORDS_PER_INGEST } from './ingest';
export type { JobOutcome } from './outcome';
export {
  isFinalAttempt,
  MAX_ATTEMPTS,
  MAX_RETRY_DELAY_SECONDS,
  RETRY_BASE_SECONDS,
  retryDelaySeconds,
} from './retry';
export { handleSyncBatch } from './sync-batch';

import type {
  AggregatorApi,
  ConnectionSettings,
  CostRecord,
  IngestBatch,
  ProviderTotal,
  Secret,
  SyncedProviderId,
  SyncJob,
  SyncReport,
  UsageRecord,
  VaultApi,
} from '@stax/contracts';
import type { Logger } from '@stax/log';
import type { ProviderAnswer, ProviderFailure } from '@stax/providers';
import { retryOrFail, stop, type JobOutcome, type Step } from './outcome';

/** Records per ingest call, as for every fetcher. */
const RECORDS_PER_INGEST = 1000;

/** What a custom collection hands back: every record of the window, nothing half-read. */
export interface CollectedSet {
  costs: CostRecord[];
  usage: UsageRecord[];
  /** Totals the provider reports, kept to reconcile against and never added to spend. */
  totals: ProviderTotal[];
}

/** One job of a custom source, as its collection sees it. */
export interface CollectSession<C> {
  job: SyncJob;
  credential: C;
  log: Logger;
  now: Date;
  /** Provider calls made so far. */
  readonly pages: number;
  /**
   * Checks that the credential still exists, then makes one provider call. A revoke, a refused
   * key, a rate limit or a provider error ends the job with the matching outcome.
   */
  call(path: string, send: () => Promise<ProviderAnswer>): Promise<Step<string>>;
  /** Ends the job on an answer that does not fit its schema; nothing is ingested. */
  unexpected(path: string, detail: string): { ok: false; outcome: JobOutcome };
}

/**
 * A provider that a fetcher reads its own way (Google: a token exchange, a billing account,
 * BigQuery jobs polled and paged; ChatGPT: a report addressed by workspace and priced by a
 * setting), with the same reveal, revoke checks, ingest, retries and dead letters as the rest.
 */
export interface CustomSource<C> {
  provider: SyncedProviderId;
  /** The provider's name for the user: `Google Cloud`. */
  displayName: string;
  /** What the user pastes, for messages: `service account key`. */
  credentialName: string;
  /** The revealed secret and the job's settings as the credential, or null if they do not fit. */
  credentialOf(secret: Secret, settings: ConnectionSettings | undefined): C | null;
  collect(session: CollectSession<C>): Promise<Step<CollectedSet>>;
}

/** The bindings a custom fetcher hands the runner. */
export interface CustomSyncDeps {
  vault: VaultApi;
  aggregator: AggregatorApi;
  /** Poison messages go here at once; retries exhausted go by the queue's own DLQ setting. */
  deadLetters: Queue;
  log: Logger;
  /** The source of retry jitter, in [0, 1). */
  random?: () => number;
  now?: () => Date;
}

/** A job being run: its source, bindings and a logger bound to it. */
export interface CustomJob {
  job: SyncJob;
  source: CustomSource<unknown>;
  deps: CustomSyncDeps;
  log: Logger;
}

function credentialRef({ job }: CustomJob) {
  const { workspaceId, connectionId, provider } = job;
  return { workspaceId, connectionId, provider };
}

/** Reveals the secret; the vault audits the reveal before it answers. */
export async function revealSecret(run: CustomJob): Promise<Step<Secret>> {
  const revealed = await run.deps.vault.reveal({
    ...credentialRef(run),
    jobId: run.job.jobId,
    purpose: 'sync',
    requestId: run.job.requestId,
  });
  if (revealed.ok) return { ok: true, value: revealed.value.secret };
  const { code } = revealed.error;
  if (code === 'not_found') return stop({ kind: 'dropped', reason: 'credential revoked' });
  run.log.warn('reveal failed', { code });
  const error =
    code === 'decrypt_failed'
      ? `Stax could not decrypt the stored ${run.source.credentialName}. Paste it again.`
      : `Stax could not unlock the stored ${run.source.credentialName} right now.`;
  return stop(retryOrFail(revealed.error, error, 0));
}

/** Re-reads that the credential still exists: a revoke stops the job at its next step. */
export async function ensureLive(run: CustomJob, pages: number): Promise<Step<null>> {
  const described = await run.deps.vault.describe(credentialRef(run));
  if (described.ok) return { ok: true, value: null };
  if (described.error.code === 'not_found') {
    return stop({ kind: 'dropped', reason: 'credential revoked during the sync' });
  }
  run.log.warn('describe failed', { code: described.error.code });
  const error = `Stax could not check the stored ${run.source.credentialName} right now.`;
  return stop(retryOrFail(described.error, error, pages));
}

/** The outcome of a provider's refusal or failure, in words for the connection. */
export function outcomeOfFailure(run: CustomJob, failure: ProviderFailure, pages: number) {
  const { displayName, credentialName } = run.source;
  const status = failure.status === null ? '' : ` (${failure.status})`;
  switch (failure.code) {
    case 'unauthorized': {
      const error = `${displayName} refused the ${credentialName}${status}. Check its access.`;
      return { kind: 'needs_attention', error, pages } as const;
    }
    case 'rate_limited':
      return retryOrFail(failure, `${displayName} is rate-limiting requests${status}.`, pages);
    case 'upstream': {
      const words = failure.status === null ? 'could not be reached' : 'answered with an error';
      return retryOrFail(failure, `${displayName} ${words}${status}.`, pages);
    }
    case 'bad_request':
      return {
        kind: 'failed',
        error: `${displayName} refused the request${status}.`,
        pages,
      } as const;
  }
}

/** The session a source's collection runs in: every call counted and guarded. */
export function collectSession<C>(run: CustomJob, credential: C, now: Date): CollectSession<C> {
  let pages = 0;
  return {
    job: run.job,
    credential,
    log: run.log,
    now,
    get pages() {
      return pages;
    },
    async call(path, send) {
      const live = await ensureLive(run, pages);
      if (!live.ok) return live;
      const answer = await send();
      pages += 1;
      if (answer.ok) return answer;
      run.log.warn('provider call failed', { path, ...answer.error });
      return stop(outcomeOfFailure(run, answer.error, pages));
    },
    unexpected(path, detail) {
      // The detail names where the shape broke (paths only), for the log; the user sees words.
      run.log.error('provider answer does not fit its schema', { path, detail });
      const error = `${run.source.displayName} answered in an unexpected format.`;
      return stop({ kind: 'failed', error, pages });
    },
  };
}

function slices<T>(list: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < list.length; start += RECORDS_PER_INGEST) {
    chunks.push(list.slice(start, start + RECORDS_PER_INGEST));
  }
  return chunks;
}

function* ingestBatches(job: SyncJob, records: CollectedSet): Generator<IngestBatch> {
  const { workspaceId, connectionId, provider, jobId } = job;
  const base = { v: 1, workspaceId, connectionId, provider, jobId } as const;
  for (const costs of slices(records.costs)) yield { ...base, costs, usage: [] };
  for (const usage of slices(records.usage)) yield { ...base, costs: [], usage };
  for (const totals of slices(records.totals)) yield { ...base, costs: [], usage: [], totals };
}

/** Hands the records to the aggregator in chunks; natural keys make a re-send replace. */
export async function ingestAll(
  run: CustomJob,
  records: CollectedSet,
  pages: number,
): Promise<Step<number>> {
  let ingested = 0;
  for (const batch of ingestBatches(run.job, records)) {
    const result = await run.deps.aggregator.ingest(batch);
    if (!result.ok) {
      const { code } = result.error;
      if (code === 'connection_gone') return stop({ kind: 'dropped', reason: 'connection gone' });
      run.log.error('ingest failed', { code, message: result.error.message });
      return stop(retryOrFail(result.error, 'Stax could not store the records.', pages));
    }
    ingested += batch.costs.length + batch.usage.length + (batch.totals?.length ?? 0);
  }
  return { ok: true, value: ingested };
}

/** Tells the aggregator how the job stands; only `connection_gone` changes what happens. */
export async function report(
  run: CustomJob,
  fields: Pick<SyncReport, 'outcome' | 'error' | 'pages' | 'records'>,
): Promise<'reported' | 'unreported' | 'connection_gone'> {
  const { workspaceId, connectionId, jobId } = run.job;
  try {
    const result = await run.deps.aggregator.reportSync({
      workspaceId,
      connectionId,
      jobId,
      ...fields,
    });
    if (result.ok) return 'reported';
    run.log.warn('sync report refused', { outcome: fields.outcome, code: result.error.code });
    return result.error.code === 'connection_gone' ? 'connection_gone' : 'unreported';
  } catch (error) {
    run.log.warn('sync report failed', { outcome: fields.outcome, error });
    return 'unreported';
  }
}

import type { IngestBatch, SyncJob } from '@stax/contracts';
import type { RecordSet } from '@stax/providers';
import type { JobContext } from './context';
import { retryOrFail, stop, type Step } from './outcome';

/** Records per ingest call: well under the contract's limit, small enough for one D1 batch. */
export const MAX_RECORDS_PER_INGEST = 1000;

function* chunks<R>(records: readonly R[]): Generator<R[]> {
  for (let start = 0; start < records.length; start += MAX_RECORDS_PER_INGEST) {
    yield records.slice(start, start + MAX_RECORDS_PER_INGEST);
  }
}

function* ingestBatches(job: SyncJob, records: RecordSet): Generator<IngestBatch> {
  const { workspaceId, connectionId, provider, jobId } = job;
  const base = { v: 1, workspaceId, connectionId, provider, jobId } as const;
  for (const costs of chunks(records.costs)) yield { ...base, costs, usage: [] };
  for (const usage of chunks(records.usage)) yield { ...base, costs: [], usage };
  // Seats and totals go only when there are any, so other fetchers' batches stay as they were.
  for (const seats of chunks(records.seats)) yield { ...base, costs: [], usage: [], seats };
  for (const totals of chunks(records.totals)) yield { ...base, costs: [], usage: [], totals };
}

function recordCount(batch: IngestBatch): number {
  const seats = batch.seats?.length ?? 0;
  return batch.costs.length + batch.usage.length + seats + (batch.totals?.length ?? 0);
}

/**
 * Hands the records to the aggregator in chunks. Record keys are natural keys, so a chunk
 * that is sent again after a retry replaces what it wrote before instead of adding to it.
 */
export async function ingestRecords(
  ctx: JobContext,
  records: RecordSet,
  pages: number,
): Promise<Step<number>> {
  let ingested = 0;
  for (const batch of ingestBatches(ctx.job, records)) {
    const result = await ctx.deps.aggregator.ingest(batch);
    if (!result.ok) {
      const { code } = result.error;
      if (code === 'connection_gone') return stop({ kind: 'dropped', reason: 'connection gone' });
      ctx.log.error('ingest failed', { code, message: result.error.message });
      return stop(retryOrFail(result.error, 'Stax could not store the records.', pages));
    }
    ingested += recordCount(batch);
  }
  return { ok: true, value: ingested };
}

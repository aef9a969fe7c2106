import type { CostRecord, IngestBatch, SyncJob, UsageRecord } from '@stax/contracts';
import type { JobContext } from './context';
import { retryOrFail, stop, type Step } from './outcome';

/** Records per ingest call: well under the contract's limit, small enough for one D1 batch. */
export const MAX_RECORDS_PER_INGEST = 1000;

function* ingestBatches(
  job: SyncJob,
  costs: readonly CostRecord[],
  usage: readonly UsageRecord[],
): Generator<IngestBatch> {
  const { workspaceId, connectionId, provider, jobId } = job;
  const base = { v: 1, workspaceId, connectionId, provider, jobId } as const;
  for (let start = 0; start < costs.length; start += MAX_RECORDS_PER_INGEST) {
    yield { ...base, costs: costs.slice(start, start + MAX_RECORDS_PER_INGEST), usage: [] };
  }
  for (let start = 0; start < usage.length; start += MAX_RECORDS_PER_INGEST) {
    yield { ...base, costs: [], usage: usage.slice(start, start + MAX_RECORDS_PER_INGEST) };
  }
}

/**
 * Hands the records to the aggregator in chunks. Record keys are natural keys, so a chunk
 * that is sent again after a retry replaces what it wrote before instead of adding to it.
 */
export async function ingestRecords(
  ctx: JobContext,
  records: { costs: readonly CostRecord[]; usage: readonly UsageRecord[] },
  pages: number,
): Promise<Step<number>> {
  let ingested = 0;
  for (const batch of ingestBatches(ctx.job, records.costs, records.usage)) {
    const result = await ctx.deps.aggregator.ingest(batch);
    if (!result.ok) {
      const { code } = result.error;
      if (code === 'connection_gone') return stop({ kind: 'dropped', reason: 'connection gone' });
      ctx.log.error('ingest failed', { code, message: result.error.message });
      return stop(retryOrFail(result.error, 'Stax could not store the records.', pages));
    }
    ingested += batch.costs.length + batch.usage.length;
  }
  return { ok: true, value: ingested };
}

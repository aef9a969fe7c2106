import { newId, type CostRecord, type ProviderId } from '@stax/contracts';
import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';

/** Whose records are written. */
export interface RecordTarget {
  workspaceId: string;
  connectionId: string;
  provider: ProviderId;
}

/**
 * Hands records to the aggregator in one ingest call (one D1 batch: every record or none),
 * then reports the run as succeeded so the connection shows when it last got data.
 */
export async function ingestCharges(
  app: AppContext,
  target: RecordTarget,
  costs: CostRecord[],
): Promise<void> {
  const jobId = newId('job');
  const batch = { v: 1 as const, ...target, jobId, costs, usage: [] };
  const ingested = await app.env.AGGREGATOR.ingest(batch).catch((error: unknown) => {
    app.log.error('aggregator unreachable', { error });
    return null;
  });
  if (!ingested?.ok) {
    if (ingested) app.log.error('records not ingested', { code: ingested.error.code });
    throw new ApiError('unavailable', { title: 'Nothing was written; try again in a moment.' });
  }
  const reported = await app.env.AGGREGATOR.reportSync({
    workspaceId: target.workspaceId,
    connectionId: target.connectionId,
    jobId,
    outcome: 'succeeded',
    error: null,
    pages: 1,
    records: costs.length,
  });
  // The records are in; a missed report only leaves the connection's last-sync time stale.
  if (!reported.ok) app.log.warn('sync report not recorded', { code: reported.error.code });
}

import type { SyncReport } from '@stax/contracts';
import type { JobContext } from './context';

/** The parts of a sync report that change from one report to the next. */
export type ReportFields = Pick<SyncReport, 'outcome' | 'error' | 'pages' | 'records'>;

/**
 * Tells the aggregator how the job stands. A report only informs the connection's status, so
 * failing to send one never fails the job; the one answer that matters is that the connection
 * is gone.
 */
export async function reportSync(
  ctx: JobContext,
  fields: ReportFields,
): Promise<'reported' | 'unreported' | 'connection_gone'> {
  const { workspaceId, connectionId, jobId } = ctx.job;
  try {
    const result = await ctx.deps.aggregator.reportSync({
      workspaceId,
      connectionId,
      jobId,
      outcome: fields.outcome,
      error: fields.error,
      pages: fields.pages,
      records: fields.records,
    });
    if (result.ok) return 'reported';
    ctx.log.warn('sync report refused', { outcome: fields.outcome, code: result.error.code });
    return result.error.code === 'connection_gone' ? 'connection_gone' : 'unreported';
  } catch (error) {
    ctx.log.warn('sync report failed', { outcome: fields.outcome, error });
    return 'unreported';
  }
}

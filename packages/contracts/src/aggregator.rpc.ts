import { z } from 'zod';
import { ConnectionIdSchema, JobIdSchema, WorkspaceIdSchema } from './ids';
import { ProviderIdSchema } from './providers';
import {
  CostRecordSchema,
  ProviderTotalSchema,
  SeatCountSchema,
  UsageRecordSchema,
} from './records';
import type { Result } from './result';

const MAX_RECORDS_PER_BATCH = 5_000;

/** One page (or more) of normalized records from a fetcher. */
export const IngestBatchSchema = z.strictObject({
  v: z.literal(1),
  workspaceId: WorkspaceIdSchema,
  connectionId: ConnectionIdSchema,
  // Any provider: imports and subscriptions ingest too, not only fetchers.
  provider: ProviderIdSchema,
  jobId: JobIdSchema,
  costs: z.array(CostRecordSchema).max(MAX_RECORDS_PER_BATCH),
  usage: z.array(UsageRecordSchema).max(MAX_RECORDS_PER_BATCH),
  // Optional so that fetchers without seats or totals send what they always sent; absent is [].
  seats: z.array(SeatCountSchema).max(MAX_RECORDS_PER_BATCH).optional(),
  totals: z.array(ProviderTotalSchema).max(MAX_RECORDS_PER_BATCH).optional(),
});
export type IngestBatch = z.infer<typeof IngestBatchSchema>;

/** How a sync run went, reported by its fetcher. */
export const SyncReportSchema = z.strictObject({
  workspaceId: WorkspaceIdSchema,
  connectionId: ConnectionIdSchema,
  jobId: JobIdSchema,
  outcome: z.enum(['started', 'succeeded', 'failed', 'retrying', 'needs_attention']),
  error: z.string().max(512).nullable(),
  pages: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
});
export type SyncReport = z.infer<typeof SyncReportSchema>;

export type AggregatorFailureCode = 'invalid_request' | 'connection_gone' | 'storage_failed';

/** The aggregator Worker's RPC surface (service binding `AGGREGATOR`). */
export interface AggregatorApi {
  ingest(
    batch: IngestBatch,
  ): Promise<Result<{ costs: number; usage: number }, AggregatorFailureCode>>;
  reportSync(report: SyncReport): Promise<Result<null, AggregatorFailureCode>>;
}

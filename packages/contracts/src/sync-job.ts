import { z } from 'zod';
import { ConnectionSettingsSchema } from './connection-settings';
import { ConnectionIdSchema, JobIdSchema, UtcDaySchema, WorkspaceIdSchema } from './ids';
import { SyncedProviderIdSchema } from './providers';

/** Why a sync runs. */
export const SyncReasonSchema = z.enum(['backfill', 'scheduled', 'manual']);

/** A message on a `sync-<provider>` queue: sync one connection over a window of UTC days. */
export const SyncJobSchema = z.strictObject({
  v: z.literal(1),
  jobId: JobIdSchema,
  workspaceId: WorkspaceIdSchema,
  connectionId: ConnectionIdSchema,
  provider: SyncedProviderIdSchema,
  reason: SyncReasonSchema,
  /** First day, inclusive. */
  from: UtcDaySchema,
  /** Last day, exclusive. */
  to: UtcDaySchema,
  requestId: z.string().max(64),
  /** The connection's settings, for providers that need them (Google's billing export). */
  settings: ConnectionSettingsSchema.optional(),
});
export type SyncJob = z.infer<typeof SyncJobSchema>;

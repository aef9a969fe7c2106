import {
  ConnectionIdSchema,
  ConnectionSettingsSchema,
  newId,
  SYNCED_PROVIDER_IDS,
  SyncedProviderIdSchema,
  WorkspaceIdSchema,
  type SyncedProviderId,
  type SyncJob,
} from '@stax/contracts';
import { createStaxDb, type StaxDb } from '@stax/db';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Env } from './env';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/**
 * A connection synced less than this long ago is not due. It is also the tightest provider's
 * rule: Cursor asks for at most one usage sync an hour.
 */
const SYNC_INTERVAL_MS = HOUR_MS;
/**
 * A run that started this recently and has not finished is taken to be under way. `retrying`
 * counts too: a job backing off after a 429 should not get a twin.
 */
const IN_FLIGHT_MS = 30 * 60 * 1000;
const IN_FLIGHT_STATUSES = ['started', 'retrying'];
/** Providers revise recent days, so every scheduled sync pulls this many trailing days again. */
const TRAILING_DAYS = 3;
/** Queues take at most 100 messages per `sendBatch`. */
const MAX_MESSAGES_PER_SEND = 100;

/** The queue of each provider that has a fetcher. */
const SYNC_QUEUES = {
  openai: 'SYNC_OPENAI',
  anthropic: 'SYNC_ANTHROPIC',
  cursor: 'SYNC_CURSOR',
  github: 'SYNC_GITHUB',
  google: 'SYNC_GOOGLE',
  chatgpt: 'SYNC_CHATGPT',
} as const satisfies Record<SyncedProviderId, keyof Env>;

const DueConnectionSchema = z.object({
  id: ConnectionIdSchema,
  workspace_id: WorkspaceIdSchema,
  provider: SyncedProviderIdSchema,
  // Stored as JSON text; a job carries it for the providers that need it (Google, ChatGPT).
  settings: z
    .string()
    .nullish()
    .transform((text, context) => {
      if (text === null || text === undefined) return undefined;
      const settings = ConnectionSettingsSchema.safeParse(safeJson(text));
      if (!settings.success) context.addIssue({ code: 'custom', message: 'unreadable settings' });
      return settings.data;
    }),
});
type DueConnection = z.infer<typeof DueConnectionSchema>;

/** What one pass of the schedule did. */
export interface ScheduleOutcome {
  jobs: SyncJob[];
  /** Rows that did not read back as a syncable connection (a bug elsewhere), left out. */
  unreadable: number;
}

/** Enqueues a sync of every connection that is due. */
export async function enqueueDueSyncs(
  env: Env,
  now: Date,
  requestId: string,
): Promise<ScheduleOutcome> {
  const rows = await findDueConnections(createStaxDb(env.DB), now);
  const due = rows.flatMap((row) => {
    const parsed = DueConnectionSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
  const jobs = due.map((connection) => scheduledJob(connection, now, requestId));
  for (const provider of SYNCED_PROVIDER_IDS) {
    const providerJobs = jobs.filter((job) => job.provider === provider);
    await sendAll(env[SYNC_QUEUES[provider]], providerJobs);
  }
  return { jobs, unreadable: rows.length - due.length };
}

/**
 * API connections not revoked, not waiting for the user, not synced within the interval and
 * with no run under way. This scan spans every workspace by design: it is the system's own
 * schedule, and each job it makes names its workspace.
 */
export async function findDueConnections(db: StaxDb, now: Date) {
  const syncedBefore = new Date(now.getTime() - SYNC_INTERVAL_MS).toISOString();
  const inFlightSince = new Date(now.getTime() - IN_FLIGHT_MS).toISOString();
  return db
    .selectFrom('connections as c')
    .select(['c.id', 'c.workspace_id', 'c.provider', 'c.settings'])
    .where('c.kind', '=', 'api')
    .where('c.revoked_at', 'is', null)
    .where('c.status', '!=', 'needs_attention')
    .where('c.provider', 'in', SYNCED_PROVIDER_IDS)
    .where((eb) =>
      eb.or([eb('c.last_synced_at', 'is', null), eb('c.last_synced_at', '<', syncedBefore)]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sync_runs as r')
            .select(sql.lit(1).as('in_flight'))
            .whereRef('r.workspace_id', '=', 'c.workspace_id')
            .whereRef('r.connection_id', '=', 'c.id')
            .where('r.status', 'in', IN_FLIGHT_STATUSES)
            .where('r.started_at', '>', inFlightSince),
        ),
      ),
    )
    .orderBy('c.workspace_id')
    .orderBy('c.id')
    .execute();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function utcDay(instant: Date, offsetDays: number): string {
  return new Date(instant.getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

function scheduledJob(connection: DueConnection, now: Date, requestId: string): SyncJob {
  return {
    v: 1,
    jobId: newId('job'),
    workspaceId: connection.workspace_id,
    connectionId: connection.id,
    provider: connection.provider,
    ...(connection.settings ? { settings: connection.settings } : {}),
    reason: 'scheduled',
    from: utcDay(now, -TRAILING_DAYS),
    to: utcDay(now, 1),
    requestId,
  };
}

async function sendAll(queue: Queue<SyncJob>, jobs: readonly SyncJob[]): Promise<void> {
  for (let start = 0; start < jobs.length; start += MAX_MESSAGES_PER_SEND) {
    const slice = jobs.slice(start, start + MAX_MESSAGES_PER_SEND);
    await queue.sendBatch(slice.map((body) => ({ body })));
  }
}

import type { StaxDb } from '@stax/db';
import { sql } from 'kysely';
import type { AlertDraft } from './alert-events';
import type { EvaluationContext } from './evaluation-context';

/**
 * A connection in `error` is alerted after this many failed runs since its last success. Each
 * failed run is a job that used up all its queue retries, and the schedule tries again hourly,
 * so this is about three hours of a sync that keeps failing; a single outage stays quiet.
 */
export const REPEATED_FAILURES = 3;

/**
 * One alert per connection per episode of trouble: a connection that needs attention (the
 * provider refused its key) or keeps failing. An episode ends with a successful sync, which
 * moves `last_synced_at`, so the key of the next one differs.
 */
export async function connectionAlertDrafts(context: EvaluationContext): Promise<AlertDraft[]> {
  const rows = await troubledConnections(context.db, context.workspaceId);
  return rows
    .filter((row) => row.status === 'needs_attention' || row.failed_runs >= REPEATED_FAILURES)
    .map((row) => ({
      workspaceId: context.workspaceId,
      dedupeKey: `${row.id}|${row.last_synced_at ?? 'never synced'}`,
      detail: {
        kind: 'connection_attention' as const,
        connectionId: row.id,
        label: row.label,
        provider: row.provider,
        status:
          row.status === 'needs_attention' ? ('needs_attention' as const) : ('error' as const),
        lastError: row.last_error,
        failedRuns: row.failed_runs,
      },
      recipients: context.recipients,
      connectionId: row.id,
    }));
}

function troubledConnections(db: StaxDb, workspaceId: string) {
  return db
    .selectFrom('connections as c')
    .select(['c.id', 'c.label', 'c.provider', 'c.status', 'c.last_error', 'c.last_synced_at'])
    .select(
      sql<number>`(SELECT count(*) FROM sync_runs r
        WHERE r.workspace_id = c.workspace_id AND r.connection_id = c.id AND r.status = 'failed'
          AND r.started_at > coalesce(c.last_synced_at, ''))`.as('failed_runs'),
    )
    .where('c.workspace_id', '=', workspaceId)
    .where('c.revoked_at', 'is', null)
    .where('c.status', 'in', ['needs_attention', 'error'])
    .orderBy('c.created_at')
    .execute();
}

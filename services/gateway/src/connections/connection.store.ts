import type { ConnectionsTable } from '@stax/db';
import type { Selectable } from 'kysely';
import type { AppContext } from '../app-context';

type ConnectionRow = Selectable<ConnectionsTable>;

/** A connection as the API shows it: never the credential. */
export interface ConnectionView {
  id: string;
  provider: string;
  kind: string;
  label: string;
  status: string;
  lastSyncedAt: string | null;
  lastError: string | null;
  sync: { pages: number; records: number };
  createdAt: string;
}

/** Turns a row into what the API answers. */
export function toConnectionView(row: ConnectionRow): ConnectionView {
  return {
    id: row.id,
    provider: row.provider,
    kind: row.kind,
    label: row.label,
    status: row.status,
    lastSyncedAt: row.last_synced_at,
    lastError: row.last_error,
    sync: { pages: row.sync_pages, records: row.sync_records },
    createdAt: row.created_at,
  };
}

/** The live (not revoked) connections of a workspace, oldest first. */
export function listConnections(app: AppContext, workspaceId: string): Promise<ConnectionRow[]> {
  return app.db
    .selectFrom('connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** One live connection of a workspace; another workspace's id reads as missing. */
export async function findConnection(
  app: AppContext,
  workspaceId: string,
  connectionId: string,
): Promise<ConnectionRow | null> {
  const row = await app.db
    .selectFrom('connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', connectionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

/** Whether a connection, live or revoked, belongs to a workspace (its audit trail stays). */
export async function connectionBelongsTo(
  app: AppContext,
  workspaceId: string,
  connectionId: string,
): Promise<boolean> {
  const row = await app.db
    .selectFrom('connections')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', connectionId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Writes a new connection row. */
export async function insertConnection(app: AppContext, row: ConnectionRow): Promise<void> {
  await app.db.insertInto('connections').values(row).execute();
}

/** Marks a connection revoked; its billing data stays under the retention setting. */
export async function markRevoked(
  app: AppContext,
  workspaceId: string,
  connectionId: string,
): Promise<void> {
  const now = app.now().toISOString();
  await app.db
    .updateTable('connections')
    .set({ revoked_at: now, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', connectionId)
    .execute();
}

/** Marks a connection as syncing again after a sync was asked for. */
export async function markSyncing(
  app: AppContext,
  workspaceId: string,
  connectionId: string,
): Promise<void> {
  await app.db
    .updateTable('connections')
    .set({ status: 'syncing', updated_at: app.now().toISOString() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', connectionId)
    .execute();
}

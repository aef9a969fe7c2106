import {
  ConnectionSettingsSchema,
  newId,
  type ConnectionSettings,
  type Secret,
  type SyncedProviderId,
} from '@stax/contracts';
import type { ConnectionsTable } from '@stax/db';
import type { Selectable } from 'kysely';
import type { AppContext } from '../app-context';
import type { Principal } from '../auth/principal';
import type { ApiConnectBody } from './connect-body.schema';
import { insertConnection } from './connection.store';
import { checkCredential, revokeCredential, storeCredential } from './credentials';
import { BACKFILL_DAYS, enqueueSync } from './sync-jobs';

type ConnectionRow = Selectable<ConnectionsTable>;

/** An `api` connection to make: a pasted or OAuth-issued credential and its settings. */
export interface ApiConnectInput {
  provider: SyncedProviderId;
  label: string;
  /** A pasted key, or a JSON secret (Google's service account key). */
  credential: Secret;
  /** Non-secret settings, such as GitHub's organization. */
  settings?: ConnectionSettings | undefined;
}

/** The settings an `api` connect body carries besides the key: GitHub's `org`, or `settings`. */
export function apiSettingsOf(input: ApiConnectBody): ConnectionSettings | undefined {
  if ('settings' in input) return ConnectionSettingsSchema.parse(input.settings);
  return 'org' in input ? { org: input.org } : undefined;
}

/** The settings stored on a connection row, or none when absent or unreadable. */
export function settingsOfRow(row: { settings?: string | null }): ConnectionSettings | undefined {
  if (row.settings === null || row.settings === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(row.settings);
  } catch {
    return undefined;
  }
  const parsed = ConnectionSettingsSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

async function insertOrRevoke(
  app: AppContext,
  principal: Principal,
  target: { workspaceId: string; connectionId: string; provider: SyncedProviderId },
  input: ApiConnectInput,
): Promise<ConnectionRow> {
  const now = app.now().toISOString();
  const row: ConnectionRow = {
    id: target.connectionId,
    workspace_id: target.workspaceId,
    provider: target.provider,
    kind: 'api',
    label: input.label,
    status: 'syncing',
    last_synced_at: null,
    last_error: null,
    sync_pages: 0,
    sync_records: 0,
    created_at: now,
    updated_at: now,
    revoked_at: null,
    settings: input.settings ? JSON.stringify(input.settings) : null,
  };
  try {
    await insertConnection(app, row);
  } catch (error) {
    // No row, no credential: never leave an encrypted key that nothing points to.
    await revokeCredential(app, principal, target);
    throw error;
  }
  return row;
}

/**
 * Checks a credential with one narrow read, has the vault encrypt it, writes the connection
 * and enqueues its backfill. Shared by the connect route and GitHub's OAuth callback.
 */
export async function connectApi(
  app: AppContext,
  principal: Principal,
  input: ApiConnectInput,
): Promise<ConnectionRow> {
  await checkCredential(app, input.provider, input.credential, input.settings);
  const connectionId = newId('con');
  const target = { workspaceId: principal.workspaceId, connectionId, provider: input.provider };
  await storeCredential(app, principal, target, input.credential);
  const row = await insertOrRevoke(app, principal, target, input);
  await enqueueSync(app, { ...target, settings: input.settings }, 'backfill', BACKFILL_DAYS);
  return row;
}

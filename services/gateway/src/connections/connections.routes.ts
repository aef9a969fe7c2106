import type { IRequest } from 'itty-router';
import { z } from 'zod';
import {
  ConnectionIdSchema,
  newId,
  SyncedProviderIdSchema,
  type SyncedProviderId,
} from '@stax/contracts';
import { ApiError, parseWith, readJsonBody } from '@stax/http';
import type { AppContext } from '../app-context';
import { authenticate, requireRole } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { json, noContent } from '../http/respond';
import { reportForeignAccess } from '../tenancy/foreign-access';
import {
  findConnection,
  insertConnection,
  listConnections,
  markRevoked,
  markSyncing,
  toConnectionView,
} from './connection.store';
import {
  checkCredential,
  replaceCredential,
  revokeCredential,
  storeCredential,
} from './credentials';
import { BACKFILL_DAYS, enqueueSync, TRAILING_DAYS } from './sync-jobs';

// A pasted key is a few hundred bytes at most; refuse anything larger before reading it.
const MAX_CONNECT_BODY_BYTES = 16 * 1024;

const CreateConnectionSchema = z.strictObject({
  provider: SyncedProviderIdSchema,
  label: z.string().trim().min(1).max(100),
  credential: z.string().min(1).max(4096),
});

/** POST /api/v1/connections: checks, encrypts and stores a credential, then backfills. */
export async function createConnection(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const input = parseWith(CreateConnectionSchema, await readJsonBody(request, MAX_CONNECT_BODY_BYTES));

  await checkCredential(app, input.provider, input.credential);
  const connectionId = newId('con');
  const target = { workspaceId: principal.workspaceId, connectionId, provider: input.provider };
  await storeCredential(app, principal, target, input.credential);
  const row = await insertOrRevoke(app, principal, target, input.label);
  await enqueueSync(app, target, 'backfill', BACKFILL_DAYS);

  return json(toConnectionView(row), 201, { location: `/api/v1/connections/${connectionId}` });
}

async function insertOrRevoke(
  app: AppContext,
  principal: Principal,
  target: { workspaceId: string; connectionId: string; provider: SyncedProviderId },
  label: string,
) {
  const now = app.now().toISOString();
  const row = {
    id: target.connectionId,
    workspace_id: target.workspaceId,
    provider: target.provider,
    kind: 'api' as const,
    label,
    status: 'syncing' as const,
    last_synced_at: null,
    last_error: null,
    sync_pages: 0,
    sync_records: 0,
    created_at: now,
    updated_at: now,
    revoked_at: null,
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

/** GET /api/v1/connections */
export async function listConnectionsRoute(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const rows = await listConnections(app, principal.workspaceId);

  return json({ connections: rows.map(toConnectionView) });
}

/** GET /api/v1/connections/:id */
export async function getConnection(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const row = await requireConnection(app, principal, request.params.id);

  return json(toConnectionView(row));
}

/** POST /api/v1/connections/:id/sync: enqueues a sync of the trailing days. */
export async function syncConnection(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');

  const row = await requireConnection(app, principal, request.params.id);
  const provider = SyncedProviderIdSchema.parse(row.provider);
  const target = { workspaceId: principal.workspaceId, connectionId: row.id, provider };
  const jobIds = await enqueueSync(app, target, 'manual', TRAILING_DAYS + 1);
  await markSyncing(app, principal.workspaceId, row.id);

  return json({ status: 'queued', jobIds }, 202);
}

const RotateCredentialSchema = z.strictObject({ credential: z.string().min(1).max(4096) });

/**
 * PUT /api/v1/connections/:id/credential: replaces the key in place. The connection id, and
 * so every record already pulled, stays the same.
 */
export async function rotateCredential(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const input = parseWith(RotateCredentialSchema, await readJsonBody(request, MAX_CONNECT_BODY_BYTES));

  const row = await requireConnection(app, principal, request.params.id);
  const provider = SyncedProviderIdSchema.parse(row.provider);
  await checkCredential(app, provider, input.credential);
  const target = { workspaceId: principal.workspaceId, connectionId: row.id, provider };
  await replaceCredential(app, principal, target, input.credential);
  await enqueueSync(app, target, 'manual', TRAILING_DAYS + 1);
  await markSyncing(app, principal.workspaceId, row.id);

  return json(toConnectionView({ ...row, status: 'syncing', last_error: null }));
}

/** DELETE /api/v1/connections/:id: deletes the encrypted credential at once. */
export async function deleteConnection(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');

  const row = await requireConnection(app, principal, request.params.id);
  await revokeCredential(app, principal, {
    workspaceId: principal.workspaceId,
    connectionId: row.id,
    provider: SyncedProviderIdSchema.parse(row.provider),
  });
  await markRevoked(app, principal.workspaceId, row.id);

  return noContent();
}

async function requireConnection(app: AppContext, principal: Principal, id: unknown) {
  const parsed = ConnectionIdSchema.safeParse(id);
  if (!parsed.success) throw connectionNotFound();
  const row = await findConnection(app, principal.workspaceId, parsed.data);
  if (row) return row;
  reportForeignAccess(app, principal, 'connection', parsed.data);
  throw connectionNotFound();
}

function connectionNotFound(): ApiError {
  return new ApiError('not_found', { title: 'No such connection in this workspace.' });
}

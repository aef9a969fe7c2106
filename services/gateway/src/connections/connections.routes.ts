import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { ConnectionIdSchema, SyncedProviderIdSchema } from '@stax/contracts';
import { ApiError, parseWith, readJsonBody } from '@stax/http';
import { GoogleServiceAccountKeySchema, storedServiceAccount } from '@stax/providers';
import type { AppContext } from '../app-context';
import { authenticate, requireRole } from '../auth/authenticate';
import { requirePlanRoom } from '../billing/plan-limits';
import type { Principal } from '../auth/principal';
import { json, noContent } from '../http/respond';
import { reportForeignAccess } from '../tenancy/foreign-access';
import {
  findConnection,
  listConnections,
  markRevoked,
  markSyncing,
  toConnectionView,
} from './connection.store';
import { checkCredential, replaceCredential, revokeCredential } from './credentials';
import { apiSettingsOf, connectApi, settingsOfRow } from './api-connect';
import { refuseTooSoon } from './sync-interval';
import { enqueueSync, TRAILING_DAYS } from './sync-jobs';
import { ConnectBodySchema } from './connect-body.schema';
import { refuseWithoutCredential } from './connection-of-kind';
import { createManualConnection } from './manual-connections';
import { syncManualConnection } from './manual-sync';

// A pasted key is a few hundred bytes at most; refuse anything larger before reading it.
const MAX_CONNECT_BODY_BYTES = 16 * 1024;

/** POST /api/v1/connections: checks, encrypts and stores a credential, then backfills. */
export async function createConnection(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const input = parseWith(ConnectBodySchema, await readJsonBody(request, MAX_CONNECT_BODY_BYTES));

  await requirePlanRoom(app, principal.workspaceId, 'connections');
  if (input.kind !== 'api') return createManualConnection(app, principal, input);
  const row = await connectApi(app, principal, { ...input, settings: apiSettingsOf(input) });

  return json(toConnectionView(row), 201, { location: `/api/v1/connections/${row.id}` });
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
  if (row.kind !== 'api') return syncManualConnection(app, row);
  const provider = SyncedProviderIdSchema.parse(row.provider);
  refuseTooSoon(app, provider, row.last_synced_at);
  const settings = settingsOfRow(row);
  const target = { workspaceId: principal.workspaceId, connectionId: row.id, provider, settings };
  const jobIds = await enqueueSync(app, target, 'manual', TRAILING_DAYS + 1);
  await markSyncing(app, principal.workspaceId, row.id);

  return json({ status: 'queued', jobIds }, 202);
}

// A pasted key, or Google's key file (only the fields Stax signs with are kept).
const RotateCredentialSchema = z.strictObject({
  credential: z.union([
    z.string().min(1).max(4096),
    GoogleServiceAccountKeySchema.transform(storedServiceAccount),
  ]),
});

/**
 * PUT /api/v1/connections/:id/credential: replaces the key in place. The connection id, and
 * so every record already pulled, stays the same.
 */
export async function rotateCredential(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const input = parseWith(
    RotateCredentialSchema,
    await readJsonBody(request, MAX_CONNECT_BODY_BYTES),
  );

  const row = await requireConnection(app, principal, request.params.id);
  refuseWithoutCredential(row.kind);
  const provider = SyncedProviderIdSchema.parse(row.provider);
  const settings = settingsOfRow(row);
  await checkCredential(app, provider, input.credential, settings);
  const target = { workspaceId: principal.workspaceId, connectionId: row.id, provider, settings };
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
  if (row.kind === 'api') {
    await revokeCredential(app, principal, {
      workspaceId: principal.workspaceId,
      connectionId: row.id,
      provider: SyncedProviderIdSchema.parse(row.provider),
    });
  }
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

import { ConnectionIdSchema, type ConnectionKind } from '@stax/contracts';
import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';
import type { Principal } from '../auth/principal';
import { reportForeignAccess } from '../tenancy/foreign-access';
import { findConnection } from './connection.store';

/**
 * A live connection of the caller's workspace and of one kind. Another workspace's id
 * answers 404 as a missing one does; a connection of another kind answers 409.
 */
export async function requireConnectionOfKind(
  app: AppContext,
  principal: Principal,
  id: unknown,
  kind: ConnectionKind,
) {
  const notFound = new ApiError('not_found', { title: 'No such connection in this workspace.' });
  const parsed = ConnectionIdSchema.safeParse(id);
  if (!parsed.success) throw notFound;
  const row = await findConnection(app, principal.workspaceId, parsed.data);
  if (!row) {
    reportForeignAccess(app, principal, 'connection', parsed.data);
    throw notFound;
  }
  if (row.kind !== kind) {
    throw new ApiError('conflict', {
      title: `This is an ${row.kind} connection; this needs a ${kind} connection.`,
    });
  }
  return row;
}

/** Refuses a credential operation on a connection that holds none (import, subscription). */
export function refuseWithoutCredential(kind: ConnectionKind): void {
  if (kind === 'api') return;
  throw new ApiError('conflict', { title: `An ${kind} connection has no credential.` });
}

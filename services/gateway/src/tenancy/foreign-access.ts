import type { AppContext } from '../app-context';
import { recordAudit } from '../audit-log/record';
import type { Principal } from '../auth/principal';

export type TenantResource = 'connection' | 'token' | 'invitation' | 'tag' | 'budget';

const TABLE_OF = {
  connection: 'connections',
  token: 'api_tokens',
  invitation: 'invitations',
  tag: 'tags',
  budget: 'budgets',
} as const satisfies Record<TenantResource, string>;

/**
 * Called when an id was not found in the caller's workspace. If it names a row of another
 * workspace, the attempt is recorded in that workspace's audit log and in the operators' log
 * line; not in the caller's audit log, which would tell them the id exists elsewhere. This
 * runs after the answer (waitUntil), so a foreign id and a missing one take the same time.
 */
export function reportForeignAccess(
  app: AppContext,
  principal: Principal,
  resource: TenantResource,
  id: string,
): void {
  app.exec.waitUntil(recordIfForeign(app, principal, resource, id));
}

async function recordIfForeign(
  app: AppContext,
  principal: Principal,
  resource: TenantResource,
  id: string,
): Promise<void> {
  const owner = await ownerOf(app, resource, id);
  if (!owner || owner === principal.workspaceId) return;
  app.log.warn('cross-tenant access denied', {
    resource,
    actor: principal.actor,
    callerWorkspaceId: principal.workspaceId,
    ownerWorkspaceId: owner,
  });
  await recordAudit(app, {
    workspaceId: owner,
    action: 'access.cross_tenant_denied',
    outcome: 'denied',
    actor: principal.actor,
    connectionId: null,
    detail: { resource, id, callerWorkspaceId: principal.workspaceId },
  });
}

// The one lookup that is not scoped to a workspace, by design: it asks who owns an id.
async function ownerOf(app: AppContext, resource: TenantResource, id: string) {
  const table = TABLE_OF[resource];
  const row = await app.db
    .selectFrom(table)
    .select('workspace_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.workspace_id ?? null;
}

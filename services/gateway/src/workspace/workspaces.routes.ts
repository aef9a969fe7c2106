import type { IRequest } from 'itty-router';
import { WorkspaceIdSchema } from '@stax/contracts';
import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { json } from '../http/respond';

/** GET /api/v1/workspaces: every workspace the caller belongs to (a token: its own). */
export async function listWorkspaces(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const rows = await workspacesOf(app, principal);

  return json({
    current: principal.workspaceId,
    workspaces: rows.map((row) => ({ id: row.id, name: row.name, role: row.role })),
  });
}

async function workspacesOf(app: AppContext, principal: Principal) {
  if (principal.userId === null) {
    const own = await app.db
      .selectFrom('workspaces')
      .select(['id', 'name'])
      .where('id', '=', principal.workspaceId)
      .executeTakeFirstOrThrow();
    return [{ ...own, role: principal.role }];
  }
  return app.db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'memberships.role'])
    .where('memberships.user_id', '=', principal.userId)
    .orderBy('memberships.created_at')
    .orderBy('workspaces.id')
    .execute();
}

/**
 * POST /api/v1/workspaces/:id/switch: points the caller's session at another workspace of
 * theirs. The same statement checks the membership, so a workspace that is not theirs (or
 * that they just left) reads as missing.
 */
export async function switchWorkspace(request: IRequest, app: AppContext): Promise<Response> {
  const { sessionHash, userId } = await authenticate(request, app);
  if (sessionHash === null || userId === null) {
    throw new ApiError('forbidden', {
      title: 'An API token belongs to one workspace; switching needs a signed-in session.',
    });
  }
  const target = WorkspaceIdSchema.safeParse(request.params.id);
  if (!target.success) throw workspaceNotFound();

  const switched = await app.db
    .updateTable('sessions')
    .set({ workspace_id: target.data })
    .where('token_hash', '=', sessionHash)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('memberships')
          .select('memberships.role')
          .where('memberships.user_id', '=', userId)
          .where('memberships.workspace_id', '=', target.data),
      ),
    )
    .executeTakeFirst();
  if (Number(switched.numUpdatedRows) === 0) throw workspaceNotFound();

  return json({ current: target.data });
}

function workspaceNotFound(): ApiError {
  return new ApiError('not_found', { title: 'No such workspace of yours.' });
}

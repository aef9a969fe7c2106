import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { newId } from '@stax/contracts';
import { ApiError, parseWith, readJsonBody } from '@stax/http';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit-log/record';
import { API_TOKEN_PREFIX, authenticate, requireRole } from '../auth/authenticate';
import { hashSecret, newSecret } from '../auth/secrets';
import { json, noContent } from '../http/respond';
import { reportForeignAccess } from '../tenancy/foreign-access';

const CreateTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: z.enum(['owner', 'admin', 'viewer']).default('admin'),
});

/** POST /api/v1/tokens: a workspace API token, shown once, stored hashed. */
export async function createToken(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  const input = parseWith(CreateTokenSchema, await readJsonBody(request, 4096));
  requireRole(principal, input.role === 'owner' ? 'owner' : 'admin');

  const token = newSecret(API_TOKEN_PREFIX);
  const row = {
    id: newId('tok'),
    workspace_id: principal.workspaceId,
    name: input.name,
    role: input.role,
    token_hash: await hashSecret(token),
    created_by: principal.actor.id,
    created_at: app.now().toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await app.db.insertInto('api_tokens').values(row).execute();
  await recordAudit(app, {
    workspaceId: principal.workspaceId,
    action: 'token.created',
    outcome: 'success',
    actor: principal.actor,
    connectionId: null,
    detail: { tokenId: row.id, name: row.name, role: row.role },
  });

  return json(
    { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, token },
    201,
  );
}

/** GET /api/v1/tokens: the workspace's tokens, never their secrets. */
export async function listTokens(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const rows = await app.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'created_at', 'revoked_at'])
    .where('workspace_id', '=', principal.workspaceId)
    .orderBy('created_at')
    .execute();

  return json({
    tokens: rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    })),
  });
}

/** DELETE /api/v1/tokens/:id: revokes a token at once. */
export async function revokeToken(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');

  const revoked = await app.db
    .updateTable('api_tokens')
    .set({ revoked_at: app.now().toISOString() })
    .where('workspace_id', '=', principal.workspaceId)
    .where('id', '=', String(request.params.id))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(revoked.numUpdatedRows) === 0) {
    reportForeignAccess(app, principal, 'token', String(request.params.id));
    throw new ApiError('not_found', { title: 'No such token in this workspace.' });
  }
  await recordAudit(app, {
    workspaceId: principal.workspaceId,
    action: 'token.revoked',
    outcome: 'success',
    actor: principal.actor,
    connectionId: null,
    detail: { tokenId: String(request.params.id) },
  });

  return noContent();
}

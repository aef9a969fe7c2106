import type { Role } from '@stax/db';
import { compileBatch } from '@stax/db';
import { sql } from 'kysely';
import type { AppContext } from '../app-context';

/** A member as the API shows it. */
export interface MemberView {
  userId: string;
  email: string;
  role: Role;
  joinedAt: string;
}

/** The members of a workspace, owners first, then by address. */
export async function listMembers(app: AppContext, workspaceId: string): Promise<MemberView[]> {
  const rows = await app.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'memberships.role', 'memberships.created_at'])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy(sql`CASE memberships.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END`)
    .orderBy('users.email')
    .execute();
  return rows.map((row) => ({
    userId: row.id,
    email: row.email,
    role: row.role,
    joinedAt: row.created_at,
  }));
}

/** A member's current role, or null when the user is not a member of the workspace. */
export async function roleOf(
  app: AppContext,
  workspaceId: string,
  userId: string,
): Promise<Role | null> {
  const row = await app.db
    .selectFrom('memberships')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

const ROLES_ABOVE: Record<Role, Role[]> = {
  owner: [],
  admin: ['owner'],
  viewer: ['owner', 'admin'],
};

// True while the workspace would keep an owner without this member's owner role. Inside the
// statement that changes the row, so two owners demoting each other cannot both succeed.
function keepsAnOwner(app: AppContext, workspaceId: string) {
  return sql<boolean>`(role <> 'owner' OR (${app.db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll().as('owners'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')}) > 1)`;
}

export type MembershipChange = 'done' | 'not_member' | 'last_owner';

async function explainRefusal(
  app: AppContext,
  workspaceId: string,
  userId: string,
): Promise<MembershipChange> {
  return (await roleOf(app, workspaceId, userId)) === null ? 'not_member' : 'last_owner';
}

/**
 * Gives a member another role, never leaving the workspace without an owner. API tokens the
 * member made that outrank the new role are revoked in the same batch.
 */
export async function changeRole(
  app: AppContext,
  target: { workspaceId: string; userId: string },
  role: Role,
): Promise<MembershipChange> {
  const { workspaceId, userId } = target;
  const update = app.db
    .updateTable('memberships')
    .set({ role })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where(role === 'owner' ? sql<boolean>`1` : keepsAnOwner(app, workspaceId));
  const [changed] = await compileBatch(app.env.DB, [
    update,
    ...revokeOutrankingTokens(app, target, role),
  ]);
  if ((changed?.meta.changes ?? 0) > 0) return 'done';
  return explainRefusal(app, workspaceId, userId);
}

function revokeOutrankingTokens(
  app: AppContext,
  target: { workspaceId: string; userId: string },
  role: Role,
) {
  if (ROLES_ABOVE[role].length === 0) return [];
  return [
    app.db
      .updateTable('api_tokens')
      .set({ revoked_at: app.now().toISOString() })
      .where('workspace_id', '=', target.workspaceId)
      .where('created_by', '=', target.userId)
      .where('revoked_at', 'is', null)
      .where('role', 'in', ROLES_ABOVE[role])
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('memberships')
            .select('role')
            .where('workspace_id', '=', target.workspaceId)
            .where('user_id', '=', target.userId)
            .where('role', '=', role),
        ),
      ),
  ];
}

function membershipGone(app: AppContext, workspaceId: string, userId: string) {
  const membership = app.db
    .selectFrom('memberships')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId);
  // kysely puts an embedded query in parentheses itself.
  return sql<boolean>`NOT EXISTS ${membership}`;
}

/**
 * Removes a member, never the last owner. In the same batch, and only if the membership is
 * gone: their sessions in the workspace end and the API tokens they made are revoked, so a
 * removed member keeps no way in.
 */
export async function removeMember(
  app: AppContext,
  target: { workspaceId: string; userId: string },
): Promise<MembershipChange> {
  const { workspaceId, userId } = target;
  const gone = membershipGone(app, workspaceId, userId);
  const [removed] = await compileBatch(app.env.DB, [
    app.db
      .deleteFrom('memberships')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where(keepsAnOwner(app, workspaceId)),
    app.db
      .deleteFrom('sessions')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where(gone),
    app.db
      .updateTable('api_tokens')
      .set({ revoked_at: app.now().toISOString() })
      .where('workspace_id', '=', workspaceId)
      .where('created_by', '=', userId)
      .where('revoked_at', 'is', null)
      .where(gone),
  ]);
  if ((removed?.meta.changes ?? 0) > 0) return 'done';
  return explainRefusal(app, workspaceId, userId);
}

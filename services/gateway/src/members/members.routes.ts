import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { InvitationIdSchema, UserIdSchema } from '@stax/contracts';
import { ApiError, parseWith, readJsonBody } from '@stax/http';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit-log/record';
import { authenticate, requireRole } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { findOrCreateUser, openSession } from '../auth/sign-in';
import { requirePlanRoom } from '../billing/plan-limits';
import { sessionCookie } from '../auth/session-cookie';
import { json, noContent } from '../http/respond';
import { linkProblemPage } from '../pages/home';
import { reportForeignAccess } from '../tenancy/foreign-access';
import { consumeInvitation, listPendingInvitations, sendInvitation } from './invitations';
import {
  changeRole,
  listMembers,
  removeMember,
  roleOf,
  type MembershipChange,
} from './membership.store';

const RoleSchema = z.enum(['owner', 'admin', 'viewer']);

const InvitationSchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  role: RoleSchema,
});

const RoleChangeSchema = z.strictObject({ role: RoleSchema });

/** GET /api/v1/members: the workspace's members and their roles. */
export async function listMembersRoute(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const members = await listMembers(app, principal.workspaceId);

  return json({ members });
}

/** POST /api/v1/members/invitations: emails a single-use link that adds a member (owners). */
export async function inviteMember(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'owner');
  const invite = parseWith(InvitationSchema, await readJsonBody(request, 4096));

  await refuseIfMember(app, principal.workspaceId, invite.email);
  await requirePlanRoom(app, principal.workspaceId, 'members');
  const invitation = await sendInvitation(app, principal, invite);
  await auditMembers(app, principal, 'member.invited', {
    invitationId: invitation.id,
    role: invite.role,
  });

  return json(invitation, 201);
}

async function refuseIfMember(app: AppContext, workspaceId: string, email: string) {
  const member = await app.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.id')
    .where('memberships.workspace_id', '=', workspaceId)
    .where('users.email', '=', email)
    .executeTakeFirst();
  if (member) {
    throw new ApiError('conflict', { title: 'This address is a member already.', field: 'email' });
  }
}

/** GET /api/v1/members/invitations: invitations not yet accepted, revoked or expired. */
export async function listInvitations(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');

  const invitations = await listPendingInvitations(app, principal.workspaceId);

  return json({ invitations });
}

/** DELETE /api/v1/members/invitations/:id: makes a pending invitation's link useless (owners). */
export async function revokeInvitation(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'owner');
  const id = InvitationIdSchema.safeParse(request.params.id);

  const revoked = id.success
    ? await app.db
        .updateTable('invitations')
        .set({ revoked_at: app.now().toISOString() })
        .where('workspace_id', '=', principal.workspaceId)
        .where('id', '=', id.data)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
    : null;
  if (!id.success || Number(revoked?.numUpdatedRows ?? 0) === 0) {
    if (id.success) reportForeignAccess(app, principal, 'invitation', id.data);
    throw new ApiError('not_found', { title: 'No such pending invitation in this workspace.' });
  }

  return noContent();
}

/** PATCH /api/v1/members/:userId {role}: changes a member's role (owners). */
export async function changeMemberRole(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'owner');
  const { role } = parseWith(RoleChangeSchema, await readJsonBody(request, 1024));
  const userId = requireUserId(request.params.id);

  const outcome = await changeRole(app, { workspaceId: principal.workspaceId, userId }, role);
  refuseUnless(outcome);
  await auditMembers(app, principal, 'member.role_changed', { userId, role });

  return json({ userId, role });
}

/** DELETE /api/v1/members/:userId: removes a member (owners); never the last owner. */
export async function removeMemberRoute(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'owner');
  const userId = requireUserId(request.params.id);

  const outcome = await removeMember(app, { workspaceId: principal.workspaceId, userId });
  refuseUnless(outcome);
  await auditMembers(app, principal, 'member.removed', { userId });

  return noContent();
}

function requireUserId(id: unknown): string {
  const parsed = UserIdSchema.safeParse(id);
  if (!parsed.success) throw memberNotFound();
  return parsed.data;
}

function refuseUnless(outcome: MembershipChange): void {
  if (outcome === 'not_member') throw memberNotFound();
  if (outcome === 'last_owner') {
    throw new ApiError('conflict', {
      title: 'A workspace keeps at least one owner.',
      detail: 'Make another member an owner first.',
    });
  }
}

function memberNotFound(): ApiError {
  return new ApiError('not_found', { title: 'No such member in this workspace.' });
}

/**
 * GET /auth/invitation?token=: the link in an invitation email. It proves the address as a
 * sign-in link does, so it signs in as the invited address (whoever was signed in before),
 * adds the membership (a member already keeps their role) and opens the workspace.
 */
export async function acceptInvitation(request: IRequest, app: AppContext): Promise<Response> {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const valid = /^[A-Za-z0-9_-]{20,100}$/.test(token);
  const invitation = valid ? await consumeInvitation(app, token) : null;
  if (!invitation) return linkProblemPage();

  const userId = await findOrCreateUser(invitation.email, app);
  await joinWorkspace(app, invitation, userId);
  const { sessionSecret } = await openSession({ userId, workspaceId: invitation.workspaceId }, app);

  return new Response(null, {
    status: 303,
    headers: { location: '/', 'set-cookie': sessionCookie(sessionSecret, app.env.APP_URL) },
  });
}

async function joinWorkspace(
  app: AppContext,
  invitation: { id: string; workspaceId: string; role: z.infer<typeof RoleSchema> },
  userId: string,
): Promise<void> {
  const now = app.now().toISOString();
  const already = await roleOf(app, invitation.workspaceId, userId);
  await app.db
    .insertInto('memberships')
    .values({
      workspace_id: invitation.workspaceId,
      user_id: userId,
      role: invitation.role,
      created_at: now,
    })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'user_id']).doNothing())
    .execute();
  await app.db
    .updateTable('invitations')
    .set({ accepted_by: userId })
    .where('id', '=', invitation.id)
    .execute();
  if (already !== null) return;
  await recordAudit(app, {
    workspaceId: invitation.workspaceId,
    action: 'member.joined',
    outcome: 'success',
    actor: { type: 'user', id: userId },
    connectionId: null,
    detail: { invitationId: invitation.id, role: invitation.role },
  });
}

function auditMembers(
  app: AppContext,
  principal: Principal,
  action: 'member.invited' | 'member.role_changed' | 'member.removed',
  detail: Record<string, string>,
): Promise<void> {
  return recordAudit(app, {
    workspaceId: principal.workspaceId,
    action,
    outcome: 'success',
    actor: principal.actor,
    connectionId: null,
    detail,
  });
}

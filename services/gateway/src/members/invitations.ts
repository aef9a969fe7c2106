import { newId } from '@stax/contracts';
import type { Role } from '@stax/db';
import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';
import type { Principal } from '../auth/principal';
import { hashSecret, newSecret } from '../auth/secrets';
import { invitationEmail } from '../email/invitation-email';
import { sendEmail } from '../email/mailer';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
// Invitations send email from Stax's domain to any address; a workspace cannot make it spam.
const MAX_INVITATIONS_PER_HOUR = 20;
const HOUR_MS = 60 * 60 * 1000;

/** An invitation as the API shows it: never its token. */
export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  invitedBy: string;
  expiresAt: string;
  createdAt: string;
}

/** Creates an invitation and emails its single-use link. */
export async function sendInvitation(
  app: AppContext,
  principal: Principal,
  invite: { email: string; role: Role },
): Promise<InvitationView> {
  await refuseIfTooMany(app, principal.workspaceId);
  const token = newSecret();
  const now = app.now();
  const row = {
    id: newId('inv'),
    workspace_id: principal.workspaceId,
    email: invite.email,
    role: invite.role,
    token_hash: await hashSecret(token),
    invited_by: principal.actor.id,
    expires_at: new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString(),
    accepted_at: null,
    accepted_by: null,
    revoked_at: null,
    created_at: now.toISOString(),
  };
  await app.db.insertInto('invitations').values(row).execute();
  await emailInvitation(app, row, token);
  return toInvitationView(row);
}

async function emailInvitation(
  app: AppContext,
  row: { id: string; workspace_id: string; email: string; role: Role },
  token: string,
): Promise<void> {
  const workspace = await app.db
    .selectFrom('workspaces')
    .select('name')
    .where('id', '=', row.workspace_id)
    .executeTakeFirstOrThrow();
  const link = new URL('/auth/invitation', app.env.APP_URL);
  link.searchParams.set('token', token);
  const sent = await sendEmail(app.env, {
    to: row.email,
    ...invitationEmail({ workspaceName: workspace.name, role: row.role, link: link.toString() }),
    idempotencyKey: `invitation/${row.id}`,
  });
  if (sent.ok) return;
  app.log.error('invitation email not sent', { reason: sent.reason, invitationId: row.id });
  await app.db
    .updateTable('invitations')
    .set({ revoked_at: app.now().toISOString() })
    .where('id', '=', row.id)
    .execute();
  throw new ApiError('unavailable', {
    title: 'The invitation email could not be sent. Try again.',
  });
}

async function refuseIfTooMany(app: AppContext, workspaceId: string): Promise<void> {
  const since = new Date(app.now().getTime() - HOUR_MS).toISOString();
  const recent = await app.db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (recent.count >= MAX_INVITATIONS_PER_HOUR) {
    throw new ApiError('rate_limited', {
      title: `A workspace can send at most ${MAX_INVITATIONS_PER_HOUR} invitations an hour.`,
    });
  }
}

/** Turns a row into what the API answers. */
export function toInvitationView(row: {
  id: string;
  email: string;
  role: Role;
  invited_by: string;
  expires_at: string;
  created_at: string;
}): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invited_by,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

/** The invitations of a workspace that can still be accepted, newest first. */
export async function listPendingInvitations(
  app: AppContext,
  workspaceId: string,
): Promise<InvitationView[]> {
  const rows = await app.db
    .selectFrom('invitations')
    .select(['id', 'email', 'role', 'invited_by', 'expires_at', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', app.now().toISOString())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toInvitationView);
}

/**
 * Uses an invitation token once: the same statement checks it is pending and unexpired and
 * marks it accepted, so two clicks cannot both use it. Returns what it invites to, or null.
 */
export async function consumeInvitation(
  app: AppContext,
  token: string,
): Promise<{ id: string; workspaceId: string; email: string; role: Role } | null> {
  const now = app.now().toISOString();
  const row = await app.db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('token_hash', '=', await hashSecret(token))
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'workspace_id', 'email', 'role'])
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, workspaceId: row.workspace_id, email: row.email, role: row.role };
}

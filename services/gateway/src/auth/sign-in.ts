import { newId } from '@stax/contracts';
import { compileBatch } from '@stax/db';
import type { AppContext } from '../app-context';
import { recordAudit } from '../audit-log/record';
import { hashSecret, newSecret } from './secrets';
import { SESSION_MAX_AGE_SECONDS } from './session-cookie';

export interface SignedIn {
  userId: string;
  workspaceId: string;
  sessionSecret: string;
}

/**
 * Signs in the owner of an address: on first sign-in creates the user and their first
 * workspace (one atomic batch), then opens a session in their first workspace.
 */
export async function signIn(email: string, app: AppContext): Promise<SignedIn> {
  const member = (await findMembership(email, app)) ?? (await createUserAndWorkspace(email, app));
  return openSession(member, app);
}

/**
 * Opens a session for a user in one of their workspaces, and records the sign-in there. The
 * caller has checked the membership.
 */
export async function openSession(
  member: { userId: string; workspaceId: string },
  app: AppContext,
): Promise<SignedIn> {
  const sessionSecret = newSecret();
  const now = app.now();
  await app.db
    .insertInto('sessions')
    .values({
      token_hash: await hashSecret(sessionSecret),
      user_id: member.userId,
      workspace_id: member.workspaceId,
      expires_at: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000).toISOString(),
      created_at: now.toISOString(),
    })
    .execute();

  await recordAudit(app, {
    workspaceId: member.workspaceId,
    action: 'auth.signed_in',
    outcome: 'success',
    actor: { type: 'user', id: member.userId },
    connectionId: null,
    detail: { method: 'email_link' },
  });
  return { ...member, sessionSecret };
}

async function findMembership(email: string, app: AppContext) {
  const row = await app.db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['users.id as userId', 'memberships.workspace_id as workspaceId'])
    .where('users.email', '=', email)
    .orderBy('memberships.created_at')
    .executeTakeFirst();
  return row ?? null;
}

/** The id of the user with an address, created (with no workspace) if there is none. */
export async function findOrCreateUser(email: string, app: AppContext): Promise<string> {
  const existing = await findUserId(email, app);
  if (existing) return existing;
  // A concurrent first sign-in may insert the same address; the UNIQUE email keeps one row.
  await app.db
    .insertInto('users')
    .values({ id: newId('usr'), email, created_at: app.now().toISOString() })
    .onConflict((conflict) => conflict.column('email').doNothing())
    .execute();
  const created = await findUserId(email, app);
  if (!created) throw new Error('user row missing after insert');
  return created;
}

async function findUserId(email: string, app: AppContext): Promise<string | null> {
  const row = await app.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.id ?? null;
}

// A user who left (or was removed from) every workspace gets a new one of their own.
async function createUserAndWorkspace(email: string, app: AppContext) {
  const userId = (await findUserId(email, app)) ?? newId('usr');
  const workspaceId = newId('wsp');
  const createdAt = app.now().toISOString();
  const name = `${email.split('@')[0] ?? 'My'}'s workspace`;
  try {
    await compileBatch(app.env.DB, [
      app.db
        .insertInto('users')
        .values({ id: userId, email, created_at: createdAt })
        .onConflict((conflict) => conflict.column('email').doNothing()),
      app.db.insertInto('workspaces').values({ id: workspaceId, name, created_at: createdAt }),
      app.db.insertInto('memberships').values({
        workspace_id: workspaceId,
        user_id: userId,
        role: 'owner',
        created_at: createdAt,
      }),
    ]);
  } catch (error) {
    // A concurrent first sign-in of the same address won the UNIQUE email; use its rows.
    const existing = await findMembership(email, app);
    if (existing) return existing;
    throw error;
  }
  return { userId, workspaceId };
}

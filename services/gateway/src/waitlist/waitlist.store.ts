import { compileBatch } from '@stax/db';
import type { AppContext } from '../app-context';
import { hashSecret } from '../auth/secrets';

const RATE_WINDOW_MS = 60 * 60 * 1000;
/** Sign-ups per address per hour: enough to ask for a lost email again, not to spam one. */
export const MAX_SIGNUPS_PER_ADDRESS = 3;
/** Sign-ups per client IP per hour: an office behind one address can still sign up. */
export const MAX_SIGNUPS_PER_CLIENT = 20;

/** The two rate-limit subjects of a sign-up, hashed so that neither is stored in clear. */
export async function signupSubjects(email: string, clientIp: string) {
  const [address, client] = await Promise.all([
    hashSecret(`waitlist/address/${email}`),
    hashSecret(`waitlist/client/${clientIp}`),
  ]);
  return { address, client };
}

async function attemptsSince(app: AppContext, subjectHash: string, since: string) {
  const row = await app.db
    .selectFrom('waitlist_attempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('subject_hash', '=', subjectHash)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return row.count;
}

/**
 * Counts this sign-up against both limits. Returns false, recording nothing, when either is
 * used up; otherwise records the attempt (and forgets those past the window) and returns true.
 */
export async function takeSignupAttempt(
  app: AppContext,
  subjects: { address: string; client: string },
): Promise<boolean> {
  const now = app.now();
  const since = new Date(now.getTime() - RATE_WINDOW_MS).toISOString();
  const [byAddress, byClient] = await Promise.all([
    attemptsSince(app, subjects.address, since),
    attemptsSince(app, subjects.client, since),
  ]);
  if (byAddress >= MAX_SIGNUPS_PER_ADDRESS || byClient >= MAX_SIGNUPS_PER_CLIENT) return false;

  const hashes = [subjects.address, subjects.client];
  await compileBatch(app.env.DB, [
    app.db
      .deleteFrom('waitlist_attempts')
      .where('subject_hash', 'in', hashes)
      .where('created_at', '<=', since),
    app.db
      .insertInto('waitlist_attempts')
      .values(hashes.map((subject_hash) => ({ subject_hash, created_at: now.toISOString() }))),
  ]);
  return true;
}

/** Whether the address already confirmed its place. */
export async function isConfirmed(app: AppContext, email: string): Promise<boolean> {
  const row = await app.db
    .selectFrom('waitlist_entries')
    .select('status')
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.status === 'confirmed';
}

/** Adds a pending entry (if none) and a single-use confirmation token, in one batch. */
export async function addPendingEntry(
  app: AppContext,
  email: string,
  token: string,
  lifetimeMs: number,
): Promise<void> {
  const now = app.now();
  await compileBatch(app.env.DB, [
    app.db
      .insertInto('waitlist_entries')
      .values({ email, status: 'pending', created_at: now.toISOString(), confirmed_at: null })
      .onConflict((conflict) => conflict.column('email').doNothing()),
    app.db.insertInto('waitlist_tokens').values({
      token_hash: await hashSecret(token),
      email,
      expires_at: new Date(now.getTime() + lifetimeMs).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    }),
  ]);
}

/**
 * Uses a confirmation token once and confirms its address. The same statement checks that the
 * token is unused and unexpired and marks it used, so a second click confirms nothing.
 */
export async function confirmByToken(app: AppContext, token: string): Promise<string | null> {
  const now = app.now().toISOString();
  const used = await app.db
    .updateTable('waitlist_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', await hashSecret(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('email')
    .executeTakeFirst();
  if (!used) return null;
  await app.db
    .updateTable('waitlist_entries')
    .set({ status: 'confirmed', confirmed_at: now })
    .where('email', '=', used.email)
    .where('status', '=', 'pending')
    .execute();
  return used.email;
}

/** Confirmed sign-ups in the order they confirmed, after a cursor. */
export function listConfirmed(app: AppContext, after: string | undefined, limit: number) {
  let query = app.db
    .selectFrom('waitlist_entries')
    .select(['email', 'created_at', 'confirmed_at'])
    .where('status', '=', 'confirmed')
    .orderBy('confirmed_at')
    .orderBy('email')
    .limit(limit);
  if (after) query = query.where('confirmed_at', '>', after);
  return query.execute();
}

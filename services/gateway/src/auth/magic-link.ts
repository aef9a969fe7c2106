import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';
import { sendEmail } from '../email/mailer';
import { signInEmail } from '../email/templates';
import { hashSecret, newSecret } from './secrets';

const LINK_LIFETIME_MS = 15 * 60 * 1000;
const MAX_LINKS_PER_WINDOW = 5;

/** Creates a single-use sign-in link for an address and emails it. */
export async function sendSignInLink(email: string, app: AppContext): Promise<void> {
  await refuseIfTooMany(email, app);

  const token = newSecret();
  const now = app.now();
  await app.db
    .insertInto('login_tokens')
    .values({
      token_hash: await hashSecret(token),
      email,
      expires_at: new Date(now.getTime() + LINK_LIFETIME_MS).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();

  const link = new URL('/auth/callback', app.env.APP_URL);
  link.searchParams.set('token', token);
  const sent = await sendEmail(app.env, {
    to: email,
    ...signInEmail(link.toString()),
    idempotencyKey: `sign-in/${await hashSecret(token)}`,
  });
  if (!sent.ok) {
    app.log.error('sign-in email not sent', { reason: sent.reason });
    throw new ApiError('unavailable', { title: 'The sign-in email could not be sent. Try again.' });
  }
}

async function refuseIfTooMany(email: string, app: AppContext): Promise<void> {
  const since = new Date(app.now().getTime() - LINK_LIFETIME_MS).toISOString();
  const recent = await app.db
    .selectFrom('login_tokens')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('email', '=', email)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (recent.count >= MAX_LINKS_PER_WINDOW) {
    throw new ApiError('rate_limited', {
      title: 'Too many sign-in links were asked for this address. Wait a few minutes.',
    });
  }
}

/**
 * Uses a sign-in token once: the same statement checks it is unused and unexpired and marks
 * it used, so two concurrent clicks cannot both sign in. Returns the address, or null.
 */
export async function consumeSignInToken(token: string, app: AppContext): Promise<string | null> {
  const now = app.now().toISOString();
  const row = await app.db
    .updateTable('login_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', await hashSecret(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('email')
    .executeTakeFirst();
  return row?.email ?? null;
}

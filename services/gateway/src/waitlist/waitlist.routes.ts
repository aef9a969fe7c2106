import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { ApiError, parseWith, readJsonBody, readQuery } from '@stax/http';
import type { AppContext } from '../app-context';
import { newSecret } from '../auth/secrets';
import { sendEmail } from '../email/mailer';
import { json } from '../http/respond';
import { authenticateOperator } from '../internal/operator';
import { page } from '../pages/home';
import { alreadyListedEmail, confirmWaitlistEmail } from './waitlist-emails';
import {
  addPendingEntry,
  confirmByToken,
  isConfirmed,
  listConfirmed,
  signupSubjects,
  takeSignupAttempt,
} from './waitlist.store';

const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

const JoinWaitlistSchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
});

/** One answer for every accepted address, listed or not, so that it reveals nothing. */
const CHECK_YOUR_INBOX = {
  status: 'check_your_inbox',
  detail: 'If this address can join, an email with a confirmation link is on its way.',
};

/**
 * POST /api/v1/waitlist {"email"}: no sign-in. Everything that depends on whether the address
 * is listed happens after the answer (waitUntil), so neither the answer nor its timing differs.
 */
export async function joinWaitlist(request: IRequest, app: AppContext): Promise<Response> {
  const { email } = parseWith(JoinWaitlistSchema, await readJsonBody(request, 1024));
  const clientIp = request.headers.get('cf-connecting-ip') ?? 'unknown';

  const subjects = await signupSubjects(email, clientIp);
  if (!(await takeSignupAttempt(app, subjects))) {
    throw new ApiError('rate_limited', { title: 'Too many sign-ups. Try again in an hour.' });
  }
  app.exec.waitUntil(enrol(app, email));

  return json(CHECK_YOUR_INBOX, 202);
}

async function enrol(app: AppContext, email: string): Promise<void> {
  try {
    const content = (await isConfirmed(app, email))
      ? alreadyListedEmail()
      : await newConfirmationLink(app, email);
    const sent = await sendEmail(app.env, {
      to: email,
      ...content,
      idempotencyKey: newSecret('wl_'),
    });
    if (!sent.ok) app.log.error('waitlist email not sent', { reason: sent.reason });
  } catch (error) {
    app.log.error('waitlist sign-up failed', { error });
  }
}

async function newConfirmationLink(app: AppContext, email: string) {
  const token = newSecret();
  await addPendingEntry(app, email, token, LINK_LIFETIME_MS);
  const link = new URL('/waitlist/confirm', app.env.APP_URL);
  link.searchParams.set('token', token);
  return confirmWaitlistEmail(link.toString());
}

/** GET /waitlist/confirm?token=: the link in the email; confirms once. */
export async function confirmWaitlist(request: IRequest, app: AppContext): Promise<Response> {
  const token = new URL(request.url).searchParams.get('token') ?? '';

  const email = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await confirmByToken(app, token) : null;

  if (!email) {
    return page(
      'Link not valid',
      '<h1>This link is not valid</h1><p>It was used already, expired after 24 hours, or was ' +
        'cut off. Sign up again to get a new one.</p>',
      400,
    );
  }
  return page(
    'On the list',
    '<h1>You are on the Stax waitlist</h1><p>We will write when your place comes up.</p>',
  );
}

const OperatorWaitlistSchema = z.strictObject({
  after: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** GET /internal/waitlist: confirmed sign-ups, oldest first, for operators only. */
export async function operatorWaitlist(request: IRequest, app: AppContext): Promise<Response> {
  const operator = await authenticateOperator(request, app.env);
  if (!operator) throw new ApiError('not_found', { title: 'Nothing is here.' });
  const query = parseWith(OperatorWaitlistSchema, readQuery(request));

  const rows = await listConfirmed(app, query.after, query.limit);
  app.log.info('operator read waitlist', { operator: operator.id, count: rows.length });

  const entries = rows.map((row) => ({
    email: row.email,
    signedUpAt: row.created_at,
    confirmedAt: row.confirmed_at,
  }));
  const last = rows.at(-1);
  return json({
    entries,
    nextAfter: rows.length === query.limit && last ? last.confirmed_at : null,
  });
}

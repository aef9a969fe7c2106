import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { parseWith, readJsonBody } from '@stax/http';
import type { AppContext } from '../app-context';
import { json, noContent } from '../http/respond';
import { linkProblemPage } from '../pages/home';
import { authenticate } from './authenticate';
import { consumeSignInToken, sendSignInLink } from './magic-link';
import { signIn } from './sign-in';
import { clearedSessionCookie, sessionCookie } from './session-cookie';

const LoginSchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
});

/** POST /api/v1/auth/login: emails a sign-in link. */
export async function login(request: IRequest, app: AppContext): Promise<Response> {
  const { email } = parseWith(LoginSchema, await readJsonBody(request, 4096));

  await sendSignInLink(email, app);

  return json({ status: 'sent', detail: 'Open the link in the email within 15 minutes.' }, 202);
}

/** GET /auth/callback?token=: the link in the email. Signs in and opens the app. */
export async function callback(request: IRequest, app: AppContext): Promise<Response> {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const email = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await consumeSignInToken(token, app) : null;
  if (!email) return linkProblemPage();

  const { sessionSecret } = await signIn(email, app);

  return new Response(null, {
    status: 303,
    headers: { location: '/', 'set-cookie': sessionCookie(sessionSecret, app.env.APP_URL) },
  });
}

/** POST /api/v1/auth/logout: ends the session of the cookie. */
export async function logout(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  if (principal.sessionHash) {
    await app.db.deleteFrom('sessions').where('token_hash', '=', principal.sessionHash).execute();
  }

  const response = noContent();
  response.headers.set('set-cookie', clearedSessionCookie(app.env.APP_URL));
  return response;
}

/** GET /api/v1/me: who is calling and in which workspace. */
export async function me(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);

  const workspace = await app.db
    .selectFrom('workspaces')
    .select(['id', 'name', 'time_zone', 'retention_days'])
    .where('id', '=', principal.workspaceId)
    .executeTakeFirstOrThrow();
  const user = principal.userId
    ? await app.db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('id', '=', principal.userId)
        .executeTakeFirst()
    : undefined;

  return json({
    user: user ?? null,
    actor: principal.actor,
    role: principal.role,
    workspace: {
      id: workspace.id,
      name: workspace.name,
      timeZone: workspace.time_zone,
      retentionDays: workspace.retention_days,
    },
  });
}

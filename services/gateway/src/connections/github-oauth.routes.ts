import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { ApiError, parseWith, readQuery } from '@stax/http';
import {
  createProviderClient,
  GITHUB_OAUTH_SCOPE,
  GITHUB_OAUTH_TOKEN_PATH,
  GitHubOrgSchema,
} from '@stax/providers';
import type { AppContext } from '../app-context';
import { authenticate, requireRole } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { connectApi } from './api-connect';
import { consumeOAuthState, createOAuthState } from './oauth-state';

const CALLBACK_PATH = '/auth/github/callback';

const StartQuerySchema = z.strictObject({
  org: GitHubOrgSchema,
  label: z.string().trim().min(1).max(100),
});

const CallbackQuerySchema = z.object({
  code: z.string().min(1).max(512),
  state: z.string().min(1).max(128),
});

// GitHub answers an exchange with 200 either way: a token, or an error in the body.
const TokenAnswerSchema = z.union([
  z.object({ access_token: z.string().min(1).max(512) }),
  z.object({ error: z.string().max(128) }),
]);

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location } });
}

function callbackUrl(app: AppContext): string {
  return new URL(CALLBACK_PATH, app.env.APP_URL).toString();
}

/**
 * GET /api/v1/connections/github/oauth/start?org&label: sends an admin to GitHub to grant Stax
 * read access to the organization's Copilot billing, with a single-use state bound to them.
 */
export async function startGitHubOAuth(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  const input = parseWith(StartQuerySchema, readQuery(request));

  const state = await createOAuthState(app, principal, input);

  const authorize = new URL('/login/oauth/authorize', app.env.GITHUB_OAUTH_URL);
  authorize.searchParams.set('client_id', app.env.GITHUB_OAUTH_CLIENT_ID);
  authorize.searchParams.set('redirect_uri', callbackUrl(app));
  authorize.searchParams.set('scope', GITHUB_OAUTH_SCOPE);
  authorize.searchParams.set('state', state);
  return redirect(authorize.toString());
}

function exchangeFailed(cause: unknown): ApiError {
  return new ApiError('upstream_error', {
    title: 'GitHub did not give Stax access. Start the connection again.',
    cause,
  });
}

async function exchangeCode(app: AppContext, code: string): Promise<string> {
  const client = createProviderClient({ provider: 'github', baseUrl: app.env.GITHUB_OAUTH_URL });
  const form: Array<[string, string]> = [
    ['client_id', app.env.GITHUB_OAUTH_CLIENT_ID],
    ['client_secret', app.env.GITHUB_OAUTH_CLIENT_SECRET],
    ['code', code],
    ['redirect_uri', callbackUrl(app)],
  ];
  const answer = await client.post(GITHUB_OAUTH_TOKEN_PATH, { form }, {});
  if (!answer.ok) throw exchangeFailed(answer.error.code);
  let json: unknown;
  try {
    json = JSON.parse(answer.value);
  } catch {
    throw exchangeFailed('the token answer is not JSON');
  }
  const parsed = TokenAnswerSchema.safeParse(json);
  if (!parsed.success) throw exchangeFailed('the token answer has an unexpected shape');
  // Only the error code goes to the log; the token never does.
  if ('error' in parsed.data) throw exchangeFailed(parsed.data.error);
  return parsed.data.access_token;
}

async function requireCallbackPrincipal(request: IRequest, app: AppContext): Promise<Principal> {
  const principal = await authenticate(request, app);
  requireRole(principal, 'admin');
  return principal;
}

/**
 * GET /auth/github/callback?code&state: spends the state (it must be this user's, in this
 * workspace, unexpired and unused), exchanges the code for a token, and connects as if pasted.
 */
export async function gitHubOAuthCallback(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await requireCallbackPrincipal(request, app);
  const query = readQuery(request);
  const input = parseWith(CallbackQuerySchema, query);

  const pending = await consumeOAuthState(app, principal, input.state);
  const token = await exchangeCode(app, input.code);
  const settings = { org: pending.org };
  await connectApi(app, principal, {
    provider: 'github',
    label: pending.label,
    credential: token,
    settings,
  });

  return redirect('/');
}

import { ApiError } from '@stax/http';
import type { AppContext } from '../app-context';
import { hasRole, type Principal } from './principal';
import { hashSecret } from './secrets';
import { readSessionCookie } from './session-cookie';

export const API_TOKEN_PREFIX = 'stax_';

const unauthenticated = () =>
  new ApiError('unauthenticated', {
    title: 'Sign in or send an API token.',
    detail: 'Use the session cookie from the sign-in link, or Authorization: Bearer <token>.',
  });

/**
 * Establishes who is calling from a bearer API token or the session cookie, and nothing
 * else: a workspace id in a header, query or body never chooses the tenant.
 */
export async function authenticate(request: Request, app: AppContext): Promise<Principal> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) return principalFromToken(authorization, app);
  const session = readSessionCookie(request);
  if (session !== null) return principalFromSession(session, app);
  throw unauthenticated();
}

async function principalFromToken(authorization: string, app: AppContext): Promise<Principal> {
  const match = /^Bearer\s+(stax_[A-Za-z0-9_-]{20,100})$/.exec(authorization.trim());
  if (!match?.[1]) throw unauthenticated();
  const tokenHash = await hashSecret(match[1]);
  const token = await app.db
    .selectFrom('api_tokens')
    .select(['id', 'workspace_id', 'role'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!token) throw unauthenticated();

  return {
    workspaceId: token.workspace_id,
    role: token.role,
    actor: { type: 'token', id: token.id },
    userId: null,
    sessionHash: null,
  };
}

async function principalFromSession(secret: string, app: AppContext): Promise<Principal> {
  const sessionHash = await hashSecret(secret);
  const session = await app.db
    .selectFrom('sessions')
    .innerJoin('memberships', (join) =>
      join
        .onRef('memberships.user_id', '=', 'sessions.user_id')
        .onRef('memberships.workspace_id', '=', 'sessions.workspace_id'),
    )
    .select(['sessions.user_id', 'sessions.workspace_id', 'memberships.role'])
    .where('sessions.token_hash', '=', sessionHash)
    .where('sessions.expires_at', '>', app.now().toISOString())
    .executeTakeFirst();
  if (!session) throw unauthenticated();

  return {
    workspaceId: session.workspace_id,
    role: session.role,
    actor: { type: 'user', id: session.user_id },
    userId: session.user_id,
    sessionHash,
  };
}

/** Refuses a principal whose role is below the one a route needs. */
export function requireRole(principal: Principal, role: Principal['role']): void {
  if (!hasRole(principal, role)) {
    throw new ApiError('forbidden', { title: `This needs the ${role} role in the workspace.` });
  }
}

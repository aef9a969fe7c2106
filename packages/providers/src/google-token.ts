import { importPKCS8, SignJWT } from 'jose';
import { z } from 'zod';
import type { QueryParams } from './adapter';
import type { ProviderAnswer, ProviderClient, ProviderFailure } from './client';
import { GOOGLE_SCOPES, GOOGLE_TOKEN_PATH, type GoogleServiceAccountKey } from './google';
import { CountTextSchema } from './number-text';
import { readResponse } from './read-page';

/** Google accepts an assertion valid for at most an hour. */
export const ASSERTION_LIFETIME_SECONDS = 3600;
/** A cached access token is replaced this long before Google says it expires. */
export const TOKEN_REFRESH_MARGIN_SECONDS = 300;
const MILLIS_PER_SECOND = 1000;
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const TokenResponseSchema = z.object({
  access_token: z.string().min(1).max(4096),
  expires_in: CountTextSchema,
  token_type: z.string().regex(/^bearer$/i),
});

/**
 * Signs the RS256 assertion of the JWT-bearer grant: `iss` is the service account, `aud` the
 * token endpoint it is sent to, `scope` the read-only scopes, valid for one hour from `now`.
 */
export async function signGoogleAssertion(
  key: GoogleServiceAccountKey,
  audience: string,
  now: Date,
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / MILLIS_PER_SECOND);
  const signingKey = await importPKCS8(key.private_key, 'RS256');
  return new SignJWT({ scope: GOOGLE_SCOPES.join(' ') })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id })
    .setIssuer(key.client_email)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
    .sign(signingKey);
}

/** A failed token exchange: Google's answer, or an answer that is not a token. */
export type TokenFailure = ProviderFailure | { code: 'unexpected_format'; message: string };

interface CachedToken {
  accessToken: string;
  refreshAtMs: number;
}

/**
 * Access tokens of this isolate, keyed by connection and key id, kept until five minutes
 * before they expire. A rotated key has another key id, so it never gets the old token.
 */
export class GoogleTokenCache {
  private readonly tokens = new Map<string, CachedToken>();

  /** The cached token of a key, if it is still fresh at `now`. */
  get(cacheKey: string, now: Date): string | null {
    const cached = this.tokens.get(cacheKey);
    if (cached === undefined) return null;
    if (now.getTime() < cached.refreshAtMs) return cached.accessToken;
    this.tokens.delete(cacheKey);
    return null;
  }

  /** Keeps a token that Google said expires `expiresInSeconds` after `now`. */
  set(cacheKey: string, accessToken: string, expiresInSeconds: number, now: Date): void {
    const freshSeconds = expiresInSeconds - TOKEN_REFRESH_MARGIN_SECONDS;
    if (freshSeconds <= 0) return;
    this.tokens.set(cacheKey, {
      accessToken,
      refreshAtMs: now.getTime() + freshSeconds * MILLIS_PER_SECOND,
    });
  }

  /** Forgets a token Google no longer accepts. */
  delete(cacheKey: string): void {
    this.tokens.delete(cacheKey);
  }
}

/** The cache key of a connection's key: never the key itself. */
export function tokenCacheKey(connectionId: string, key: GoogleServiceAccountKey): string {
  return `${connectionId}|${key.client_email}|${key.private_key_id}`;
}

/** The form of a JWT-bearer token request: the grant type and a freshly signed assertion. */
export async function tokenRequestForm(
  key: GoogleServiceAccountKey,
  tokenUrl: string,
  now: Date,
): Promise<QueryParams> {
  const assertion = await signGoogleAssertion(key, tokenUrl, now);
  return [
    ['grant_type', JWT_BEARER_GRANT],
    ['assertion', assertion],
  ];
}

/** Reads a token endpoint's answer: the access token and its lifetime in seconds. */
export function readTokenAnswer(bodyText: string) {
  return readResponse(TokenResponseSchema, bodyText);
}

/**
 * Google answers a bad, deleted or disabled key with 400 `invalid_grant`: for Stax that is a
 * refused key, like a 401, and not a request to fix.
 */
export function refusedGrant(answer: ProviderAnswer): ProviderAnswer {
  if (answer.ok || answer.error.code !== 'bad_request' || answer.error.status !== 400) {
    return answer;
  }
  return {
    ok: false,
    error: { ...answer.error, code: 'unauthorized', message: 'Google refused the key (400)' },
  };
}

/** What a token exchange needs: the token endpoint's client, its full URL (the `aud`), a cache. */
export interface TokenExchange {
  client: ProviderClient;
  tokenUrl: string;
  cache: GoogleTokenCache;
}

/** An access token for the key: the cached one while fresh, else a new one from Google. */
export async function googleAccessToken(
  exchange: TokenExchange,
  cacheKey: string,
  key: GoogleServiceAccountKey,
  now: Date,
): Promise<{ ok: true; value: string } | { ok: false; error: TokenFailure }> {
  const cached = exchange.cache.get(cacheKey, now);
  if (cached !== null) return { ok: true, value: cached };

  const form = await tokenRequestForm(key, exchange.tokenUrl, now);
  const answer = refusedGrant(await exchange.client.post(GOOGLE_TOKEN_PATH, { form }, {}));
  if (!answer.ok) return answer;
  const token = readTokenAnswer(answer.value);
  if (!token.ok) return token;
  exchange.cache.set(cacheKey, token.value.access_token, token.value.expires_in, now);
  return { ok: true, value: token.value.access_token };
}

import {
  createProviderClient,
  GOOGLE_TOKEN_PATH,
  GoogleTokenCache,
  type ProviderClient,
} from '@stax/providers';
import type { Env } from './env';

/** One client per Google origin, each held to Google's allowlist, and the token endpoint URL. */
export interface GoogleApis {
  oauth: ProviderClient;
  billing: ProviderClient;
  bigquery: ProviderClient;
  /** The full token endpoint URL: the `aud` of every assertion. */
  tokenUrl: string;
  tokens: GoogleTokenCache;
}

// Per isolate: a token serves every job of its connection until shortly before it expires.
const TOKENS = new GoogleTokenCache();

/** The clients of the three origins the Worker is configured with. */
export function googleApis(env: Env, fetcher?: typeof fetch): GoogleApis {
  const client = (baseUrl: string) =>
    createProviderClient({ provider: 'google', baseUrl, ...(fetcher ? { fetcher } : {}) });
  return {
    oauth: client(env.GOOGLE_OAUTH_URL),
    billing: client(env.GOOGLE_BILLING_URL),
    bigquery: client(env.GOOGLE_BIGQUERY_URL),
    tokenUrl: new URL(GOOGLE_TOKEN_PATH, env.GOOGLE_OAUTH_URL).toString(),
    tokens: TOKENS,
  };
}

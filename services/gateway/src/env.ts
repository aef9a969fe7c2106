import type { AuditApi, FetcherApi, VaultApi } from '@stax/contracts';

/** The bindings of the gateway Worker. */
export interface Env {
  DB: D1Database;
  VAULT: Service & VaultApi;
  AUDIT: Service & AuditApi;
  FETCHER_OPENAI: Service & FetcherApi;
  FETCHER_ANTHROPIC: Service & FetcherApi;
  SYNC_OPENAI: Queue;
  SYNC_ANTHROPIC: Queue;
  /** The gateway's public origin, for links in emails. */
  APP_URL: string;
  RESEND_BASE_URL: string;
  EMAIL_FROM: string;
  /** Secret. */
  RESEND_API_KEY: string;
  /** Cloudflare Access team domain (https://<team>.cloudflareaccess.com) guarding /internal. */
  ACCESS_TEAM_DOMAIN?: string;
  /** The Access application's audience tag. */
  ACCESS_AUD?: string;
  /** Secret, local development only: stands in for an Access JWT on /internal. */
  OPERATOR_TOKEN?: string;
}

type Service = Omit<Fetcher, 'connect'>;

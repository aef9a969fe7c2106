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
}

type Service = Omit<Fetcher, 'connect'>;

import type {
  AggregatorApi,
  AuditApi,
  FetcherApi,
  VaultApi,
  VaultOperatorApi,
} from '@stax/contracts';

/** The bindings of the gateway Worker. */
export interface Env {
  DB: D1Database;
  VAULT: Service & VaultApi & VaultOperatorApi;
  AUDIT: Service & AuditApi;
  /** Ingests the records of imports and subscriptions (fetchers ingest their own). */
  AGGREGATOR: Service & AggregatorApi;
  FETCHER_OPENAI: Service & FetcherApi;
  FETCHER_ANTHROPIC: Service & FetcherApi;
  SYNC_OPENAI: Queue;
  SYNC_ANTHROPIC: Queue;
  FETCHER_CURSOR: Service & FetcherApi;
  FETCHER_GITHUB: Service & FetcherApi;
  FETCHER_GOOGLE: Service & FetcherApi;
  FETCHER_CHATGPT: Service & FetcherApi;
  SYNC_CURSOR: Queue;
  SYNC_GITHUB: Queue;
  SYNC_GOOGLE: Queue;
  SYNC_CHATGPT: Queue;
  /** GitHub's OAuth origin (https://github.com); the simulator's locally. */
  GITHUB_OAUTH_URL: string;
  /** The Stax OAuth app's client id on GitHub. */
  GITHUB_OAUTH_CLIENT_ID: string;
  /** Secret: the OAuth app's client secret. */
  GITHUB_OAUTH_CLIENT_SECRET: string;
  /** The dashboard's built files (web/dist); served before the Worker runs for asset paths. */
  ASSETS: Fetcher;
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
  /** Stripe's API origin (https://api.stripe.com); the simulator's locally. */
  STRIPE_API_URL: string;
  /** The Stripe prices of the Team and Business plans (price_…). */
  STRIPE_PRICE_TEAM: string;
  STRIPE_PRICE_BUSINESS: string;
  /** Secret: a restricted Stripe key (rk_…) allowed customers, Checkout and the portal. */
  STRIPE_SECRET_KEY: string;
  /** Secret: the signing secret (whsec_…) of the webhook endpoint /webhooks/stripe. */
  STRIPE_WEBHOOK_SECRET: string;
}

type Service = Omit<Fetcher, 'connect'>;

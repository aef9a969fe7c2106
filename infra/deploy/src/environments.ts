import type { DeployArgs } from './args';

/** What differs between staging and production. Nothing here is a secret. */
export interface Environment {
  name: DeployArgs['env'];
  /** Appended to every Worker, database, bucket and queue name; '' for production. */
  suffix: string;
  /** The zone (domain) in the Cloudflare account, and the gateway's hostname in it. */
  zone: string;
  hostname: string;
  /**
   * Values for config vars of these names in any Worker. Every local default that points at
   * the simulator or a `.local` address must be replaced here; the dry run checks it.
   */
  vars: Record<string, string>;
  /** Values for one Worker's vars only, by service folder. */
  serviceVars: Record<string, Record<string, string>>;
  /** Secrets that exist only in local development and are never asked for or set. */
  localOnlySecrets: string[];
}

// Provider origins are the same in every environment.
const PROVIDER_ORIGINS = {
  RESEND_BASE_URL: 'https://api.resend.com',
  STRIPE_API_URL: 'https://api.stripe.com',
  OPENAI_BASE_URL: 'https://api.openai.com',
  ANTHROPIC_BASE_URL: 'https://api.anthropic.com',
  CURSOR_BASE_URL: 'https://api.cursor.com',
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_OAUTH_URL: 'https://github.com',
  CHATGPT_BASE_URL: 'https://api.chatgpt.com',
  GOOGLE_OAUTH_URL: 'https://oauth2.googleapis.com',
  GOOGLE_BILLING_URL: 'https://cloudbilling.googleapis.com',
  GOOGLE_BIGQUERY_URL: 'https://bigquery.googleapis.com',
};

/**
 * Stax's own environments. Account-specific ids (Stripe prices, the GitHub OAuth app's client
 * id, the Access audience tag) are filled in from docs/deploy.md; `REPLACE_ME` values stop a
 * real deploy and are reported by the dry run.
 */
export const ENVIRONMENTS: Record<DeployArgs['env'], Environment> = {
  production: {
    name: 'production',
    suffix: '',
    zone: 'stax.dev',
    hostname: 'app.stax.dev',
    vars: {
      ...PROVIDER_ORIGINS,
      APP_URL: 'https://app.stax.dev',
      STRIPE_PRICE_TEAM: 'REPLACE_ME_price_team',
      STRIPE_PRICE_BUSINESS: 'REPLACE_ME_price_business',
      GITHUB_OAUTH_CLIENT_ID: 'REPLACE_ME_github_client_id',
    },
    serviceVars: {
      gateway: {
        EMAIL_FROM: 'Stax <signin@stax.dev>',
        // Cloudflare Access in front of /internal (docs/deploy.md, step 9).
        ACCESS_TEAM_DOMAIN: 'https://stax.cloudflareaccess.com',
        ACCESS_AUD: 'REPLACE_ME_access_aud',
      },
      aggregator: { EMAIL_FROM: 'Stax alerts <alerts@stax.dev>' },
    },
    localOnlySecrets: ['OPERATOR_TOKEN'],
  },
  staging: {
    name: 'staging',
    suffix: '-staging',
    zone: 'stax.dev',
    hostname: 'staging.stax.dev',
    vars: {
      ...PROVIDER_ORIGINS,
      APP_URL: 'https://staging.stax.dev',
      STRIPE_PRICE_TEAM: 'REPLACE_ME_test_price_team',
      STRIPE_PRICE_BUSINESS: 'REPLACE_ME_test_price_business',
      GITHUB_OAUTH_CLIENT_ID: 'REPLACE_ME_github_client_id',
    },
    serviceVars: {
      gateway: {
        EMAIL_FROM: 'Stax staging <signin@staging.stax.dev>',
        ACCESS_TEAM_DOMAIN: 'https://stax.cloudflareaccess.com',
        ACCESS_AUD: 'REPLACE_ME_access_aud_staging',
      },
      aggregator: { EMAIL_FROM: 'Stax staging alerts <alerts@staging.stax.dev>' },
    },
    localOnlySecrets: ['OPERATOR_TOKEN'],
  },
};

/** A value that still has to be filled in before a real deploy. */
export function isPlaceholder(value: string): boolean {
  return value.startsWith('REPLACE_ME');
}

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, type ServiceName } from './services';

/** Where the local stack's services and the simulator answer. */
export interface StackUrls {
  appUrl: string;
  simulatorUrl: string;
  providers: {
    openai: string;
    anthropic: string;
    googleOauth: string;
    googleBilling: string;
    googleBigquery: string;
    chatgpt: string;
    cursor: string;
    githubApi: string;
    githubOauth: string;
  };
}

/** The OAuth app the simulator's GitHub knows; a real app's id and secret override it. */
const SIM_OAUTH_APP = { id: 'stax-sim-oauth-app', secret: 'stax-sim-oauth-secret' };

/** Seconds before a failed sync's first retry in local runs. */
const LOCAL_RETRY_BASE_SECONDS = '1';

function devVarsPath(service: ServiceName): string {
  return join(REPO_ROOT, 'services', service, '.dev.vars');
}

function writeDevVars(service: ServiceName, vars: Record<string, string>): void {
  const lines = Object.entries(vars).map(([name, value]) => `${name}=${value}`);
  const header = '# Written by `npm start`; never commit. See .dev.vars.example.';
  writeFileSync(devVarsPath(service), [header, ...lines, ''].join('\n'), { mode: 0o600 });
}

function readDevVar(service: ServiceName, name: string): string | undefined {
  const path = devVarsPath(service);
  if (!existsSync(path)) return undefined;
  const match = new RegExp(`^${name}=(\\S+)$`, 'm').exec(readFileSync(path, 'utf8'));
  return match?.[1];
}

/**
 * The local KEK: generated once into services/kms/.dev.vars and kept, so that credentials
 * stored in the local database stay readable across restarts.
 */
function ensureLocalKek(): void {
  if ((readDevVar('kms', 'KEK_V1') ?? '').length >= 40) return;
  writeDevVars('kms', { KEK_V1: randomBytes(32).toString('base64') });
}

/** Writes each Worker's local variables and secrets for this run; returns the operator token. */
export function prepareDevVars(
  urls: StackUrls,
  stripe: { stripeWebhookSecret: string },
): { operatorToken: string } {
  ensureLocalKek();
  const operatorToken = readDevVar('gateway', 'OPERATOR_TOKEN') ?? randomBytes(24).toString('hex');
  writeDevVars('gateway', {
    APP_URL: urls.appUrl,
    RESEND_BASE_URL: urls.simulatorUrl,
    RESEND_API_KEY: 're_local_development_only',
    OPERATOR_TOKEN: operatorToken,
    // The simulator plays Stripe and signs its webhooks with this run's secret.
    STRIPE_API_URL: urls.simulatorUrl,
    STRIPE_SECRET_KEY: 'sk_test_local_development_only',
    STRIPE_WEBHOOK_SECRET: stripe.stripeWebhookSecret,
    // GitHub's OAuth flow: the simulator plays GitHub and knows this app.
    GITHUB_OAUTH_URL: urls.providers.githubOauth,
    GITHUB_OAUTH_CLIENT_ID: process.env.STAX_GITHUB_OAUTH_CLIENT_ID ?? SIM_OAUTH_APP.id,
    GITHUB_OAUTH_CLIENT_SECRET: process.env.STAX_GITHUB_OAUTH_CLIENT_SECRET ?? SIM_OAUTH_APP.secret,
  });
  // Alert emails (budgets, connections, renewals) land in the simulator's mailbox too.
  writeDevVars('aggregator', {
    APP_URL: urls.appUrl,
    RESEND_BASE_URL: urls.simulatorUrl,
    RESEND_API_KEY: 're_local_development_only',
  });
  // Locally a failed sync retries after 1 s (production: 30 s), so the load test, where the
  // simulator answers 429 with Retry-After: 1, ends in minutes.
  const retry = { SYNC_RETRY_BASE_SECONDS: LOCAL_RETRY_BASE_SECONDS };
  writeDevVars('fetcher-openai', { OPENAI_BASE_URL: urls.providers.openai, ...retry });
  writeDevVars('fetcher-anthropic', { ANTHROPIC_BASE_URL: urls.providers.anthropic, ...retry });
  writeDevVars('fetcher-google', {
    GOOGLE_OAUTH_URL: urls.providers.googleOauth,
    GOOGLE_BILLING_URL: urls.providers.googleBilling,
    GOOGLE_BIGQUERY_URL: urls.providers.googleBigquery,
  });
  writeDevVars('fetcher-chatgpt', { CHATGPT_BASE_URL: urls.providers.chatgpt });
  writeDevVars('fetcher-cursor', { CURSOR_BASE_URL: urls.providers.cursor, ...retry });
  writeDevVars('fetcher-github', { GITHUB_API_URL: urls.providers.githubApi, ...retry });
  return { operatorToken };
}

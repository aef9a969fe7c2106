import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import {
  auxiliaryWorker,
  D1_IDS,
  fakeFetcherWorker,
  migrationsPath,
  TEST_KEKS,
} from '@stax/testing/config';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: {
          STAX_MIGRATIONS: await readD1Migrations(migrationsPath('stax')),
          VAULT_MIGRATIONS: await readD1Migrations(migrationsPath('vault')),
          RESEND_API_KEY: 're_test_key_for_gateway',
          RESEND_BASE_URL: 'https://resend.test',
          STRIPE_API_URL: 'https://stripe.test',
          STRIPE_SECRET_KEY: 'sk_test_gateway_tests',
          STRIPE_WEBHOOK_SECRET: 'whsec_gateway_tests_0123456789abcdef',
          APP_URL: 'https://stax.test',
          GITHUB_OAUTH_URL: 'https://github.test',
          GITHUB_OAUTH_CLIENT_ID: 'stax-test-oauth-app',
          GITHUB_OAUTH_CLIENT_SECRET: 'stax-test-oauth-secret',
          OPERATOR_TOKEN: 'op-test-token-0123456789abcdef',
          ACCESS_TEAM_DOMAIN: 'https://stax-test.cloudflareaccess.com',
          ACCESS_AUD: 'stax-internal-test-audience',
        },
        // The vault's database, bound here too so that the setup can migrate and tests inspect it.
        d1Databases: { VAULT_DB: D1_IDS.vault },
        workers: [
          auxiliaryWorker('vault'),
          auxiliaryWorker('kms', { bindings: TEST_KEKS }),
          auxiliaryWorker('audit'),
          auxiliaryWorker('aggregator'),
          fakeFetcherWorker('stax-fetcher-openai'),
          fakeFetcherWorker('stax-fetcher-anthropic'),
          fakeFetcherWorker('stax-fetcher-cursor'),
          fakeFetcherWorker('stax-fetcher-github'),
          fakeFetcherWorker('stax-fetcher-google'),
          fakeFetcherWorker('stax-fetcher-chatgpt'),
        ],
      },
    }),
  ],
  test: { setupFiles: ['./test/setup.ts'], silent: 'passed-only' },
}));

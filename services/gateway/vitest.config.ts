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
          APP_URL: 'https://stax.test',
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
          fakeFetcherWorker('stax-fetcher-openai'),
          fakeFetcherWorker('stax-fetcher-anthropic'),
        ],
      },
    }),
  ],
  test: { setupFiles: ['./test/setup.ts'], silent: 'passed-only' },
}));

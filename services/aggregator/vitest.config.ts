import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const migrations = await readD1Migrations('../../packages/db/migrations/stax');

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          // Alert emails go to this Resend stand-in, which the tests intercept.
          RESEND_API_KEY: 're_test_key_for_aggregator',
          RESEND_BASE_URL: 'https://resend.test',
          APP_URL: 'https://stax.test',
        },
      },
    }),
  ],
  test: { setupFiles: ['./test/apply-migrations.ts'] },
});

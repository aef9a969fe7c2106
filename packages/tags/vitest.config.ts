import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { migrationsPath } from '@stax/testing/config';
import { defineConfig } from 'vitest/config';

// A bare Worker with D1 `stax` migrated, so the SQL matcher runs on the SQLite D1 runs.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      miniflare: {
        compatibilityDate: '2026-04-26',
        compatibilityFlags: ['nodejs_compat'],
        d1Databases: ['DB'],
        bindings: { STAX_MIGRATIONS: await readD1Migrations(migrationsPath('stax')) },
      },
    }),
  ],
}));

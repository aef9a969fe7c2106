import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// No Worker of its own: the tests run in a bare workerd, whose Intl time-zone data is the one
// production uses.
export default defineConfig({
  plugins: [
    cloudflareTest({
      miniflare: { compatibilityDate: '2026-04-26', compatibilityFlags: ['nodejs_compat'] },
    }),
  ],
});

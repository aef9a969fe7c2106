import { resolve } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { auxiliaryWorker, TEST_KEKS } from '@stax/testing/config';
import { defineConfig } from 'vitest/config';

const migrations = await readD1Migrations(
  resolve(import.meta.dirname, '../../packages/db/migrations/vault'),
);

// Stand-ins for a KMS and an audit log that are down (they throw) or refuse (they answer
// with a failure), so that the vault's fail-closed paths meet a real service binding.
const TEST_DOUBLES = `
import { WorkerEntrypoint } from 'cloudflare:workers';
const down = () => { throw new Error('service unavailable'); };
export class ThrowingAudit extends WorkerEntrypoint {
  async append() { down(); }
}
export class RefusingAudit extends WorkerEntrypoint {
  async append() {
    return { ok: false, error: { code: 'storage_failed', message: 'down', retryable: true } };
  }
}
export class ThrowingKms extends WorkerEntrypoint {
  async wrap() { down(); }
  async unwrap() { down(); }
  async rewrap() { down(); }
  async currentVersion() { down(); }
}
export default { fetch: () => new Response(null, { status: 404 }) };
`;

// One KMS per KEK configuration: as deployed (wraps under v1), after a rotation to v2 with v1
// still readable, and after v1 was retired.
const kmsWorkers = [
  auxiliaryWorker('kms', { bindings: { ...TEST_KEKS } }),
  auxiliaryWorker('kms', {
    name: 'stax-kms-rotated',
    bindings: { ...TEST_KEKS, KEK_CURRENT_VERSION: '2' },
  }),
  auxiliaryWorker('kms', {
    name: 'stax-kms-v1-retired',
    bindings: { ...TEST_KEKS, KEK_CURRENT_VERSION: '2', KEK_MIN_VERSION: '2' },
  }),
];

export default defineConfig({
  test: { setupFiles: ['./test/apply-migrations.ts'] },
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: { TEST_MIGRATIONS: migrations },
        serviceBindings: {
          KMS_ROTATED: { name: 'stax-kms-rotated', entrypoint: 'KmsEntrypoint' },
          KMS_V1_RETIRED: { name: 'stax-kms-v1-retired', entrypoint: 'KmsEntrypoint' },
          KMS_THROWING: { name: 'stax-test-doubles', entrypoint: 'ThrowingKms' },
          AUDIT_THROWING: { name: 'stax-test-doubles', entrypoint: 'ThrowingAudit' },
          AUDIT_REFUSING: { name: 'stax-test-doubles', entrypoint: 'RefusingAudit' },
        },
        workers: [
          ...kmsWorkers,
          auxiliaryWorker('audit'),
          {
            name: 'stax-test-doubles',
            modules: true,
            script: TEST_DOUBLES,
            compatibilityDate: '2026-04-26',
          },
        ],
      },
    }),
  ],
});

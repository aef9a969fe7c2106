import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// The tests hand the Worker fakes of the vault and the aggregator; these stand-ins only let
// the service bindings of wrangler.jsonc resolve. Any call to them fails loudly.
const unusedEntrypoint = (name: string) => `
  import { WorkerEntrypoint } from 'cloudflare:workers';
  export class ${name} extends WorkerEntrypoint {}
  export default { fetch() { throw new Error('${name} is a stand-in: pass a fake'); } };
`;

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        workers: [
          { name: 'stax-vault', modules: true, script: unusedEntrypoint('VaultEntrypoint') },
          {
            name: 'stax-aggregator',
            modules: true,
            script: unusedEntrypoint('AggregatorEntrypoint'),
          },
        ],
      },
    }),
  ],
  test: { globalSetup: ['./vitest.global-setup.ts'] },
});

// What Node loads for `@stax/testing/config`. Vite bundles a vitest config but leaves its
// packages to Node, and Node 20 cannot load TypeScript, so config.ts is compiled on import.
import { tsImport } from 'tsx/esm/api';

const config = await tsImport('./config.ts', import.meta.url);

export const {
  TEST_KEKS,
  D1_IDS,
  auxiliaryWorker,
  fakeFetcherWorker,
  migrationsPath,
  serviceConfigPath,
} = config;

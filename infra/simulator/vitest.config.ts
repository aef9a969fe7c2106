import { defineConfig } from 'vitest/config';

// The simulator is a plain Node HTTP server, so its tests run in Node, not in workerd.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
  },
});

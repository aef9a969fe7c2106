import { defineConfig } from 'vitest/config';

// The deploy tool is a Node program; its tests run in Node, not in workerd.
export default defineConfig({
  test: { environment: 'node', include: ['test/**/*.test.ts'], testTimeout: 120_000 },
});

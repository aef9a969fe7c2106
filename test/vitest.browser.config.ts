import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['browser/**/*.test.ts'],
    globalSetup: ['./browser/stack.setup.ts'],
    // One system, one browser; the steps of a file build on each other, files run in turn.
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 240_000,
  },
});

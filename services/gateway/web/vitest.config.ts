import { defineConfig } from 'vitest/config';

// Unit tests of formatting and state: plain TypeScript in Node, no DOM and no JSX needed.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});

import preact from '@preact/preset-vite';
import { defineConfig, type PluginOption } from 'vite';

export default defineConfig({
  // The preset is hoisted beside the repo's Vite 8 (vitest's) and types against it; at run
  // time it works with this package's Vite 7, so only its type needs the bridge.
  plugins: [preact() as unknown as PluginOption],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows scripts from 'self' only: no inline module preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev` here proxies the API to a running `npm start`.
    proxy: { '/api': 'http://localhost:8787', '/auth': 'http://localhost:8787' },
  },
});

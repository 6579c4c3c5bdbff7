import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './src/shared/csp';

/** Writes the app's one CSP (src/shared/csp.ts) into index.html. */
const cspPlugin = (): Plugin => ({
  name: 'ist-csp',
  transformIndexHtml: (html) => html.replace('%IST_CSP%', CONTENT_SECURITY_POLICY_META),
});

/**
 * Fetches the app chunk while the tiny entry runs: the entry (src/renderer/src/main.tsx) imports
 * it only once the first screen's data is asked for, and must not then wait for the download.
 * `modulepreload` fetches and compiles without evaluating.
 */
const preloadAppChunk = (): Plugin => ({
  name: 'ist-preload-app-chunk',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (_html, ctx) => {
      const app = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/app/render-app.tsx'));
      if (!app) throw new Error('ist-preload-app-chunk: no chunk for src/app/render-app.tsx');
      return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${app.fileName}` }, injectTo: 'head' }];
    },
  },
});

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require npm modules: bundle everything, as CommonJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react(), cspPlugin(), preloadAppChunk()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      minify: true,
      chunkSizeWarningLimit: 2000,
      rolldownOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
  },
});

import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dev server injects inline scripts (React refresh preamble) that the production CSP forbids,
 * so the CSP meta is dropped while serving and kept in every build.
 */
function dropCspWhileServing(): Plugin {
  return {
    name: 'drop-csp-while-serving',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

export default defineConfig({
  // import.meta.dirname rather than node:url: lint keeps node:* out of renderer/ (this file included).
  root: import.meta.dirname,
  base: './',
  plugins: [react(), dropCspWhileServing()],
  // package.json "imports" maps #shared/* too; the alias keeps Vite independent of that lookup.
  resolve: { alias: { '#shared': `${import.meta.dirname}/../shared` } },
  build: {
    outDir: `${import.meta.dirname}/../dist/renderer`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});

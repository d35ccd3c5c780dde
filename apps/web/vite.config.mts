import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const govukAssets = path.resolve(root, '../../node_modules/govuk-frontend/dist/govuk/assets');
const API_TARGET = process.env['LEDGER_API_URL'] ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    // The compiled GOV.UK Frontend CSS asks for `/assets/fonts/...` and `/assets/images/...`: take them from the
    // package, so the build fingerprints and copies them like any other asset.
    alias: [{ find: /^\/assets\/(fonts|images)\//, replacement: `${govukAssets}/$1/` }],
  },
  // GOV.UK Frontend's CSS comes minified, with old Internet Explorer media-query hacks the minifier would reject.
  build: { outDir: path.join(root, 'dist'), emptyOutDir: true, sourcemap: true, cssMinify: false },
  server: {
    port: 4200,
    proxy: { '/api': API_TARGET, '/health': API_TARGET, '/docs': API_TARGET },
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});

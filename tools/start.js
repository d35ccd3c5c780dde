#!/usr/bin/env node
// `npm start`: build the web app when apps/web/dist is missing (a fresh clone after `npm ci`), then serve.
'use strict';
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
if (!existsSync(path.join(root, 'apps', 'web', 'dist', 'index.html'))) {
  console.error('Building the web app into apps/web/dist (npx vite build --config apps/web/vite.config.mts)...');
  const vite = path.join(root, 'node_modules', '.bin', 'vite');
  const built = spawnSync(vite, ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  // The API still starts without it: `/` then says how to build it.
  if (built.status !== 0) console.error(`The web app did not build (exit ${built.status ?? built.signal}); serving the API only.`);
}
// In this process, so SIGINT and SIGTERM reach the server directly.
process.argv = [process.argv[0], path.join(root, 'bin', 'ledger.js'), 'serve', ...process.argv.slice(2)];
require('../bin/ledger.js');

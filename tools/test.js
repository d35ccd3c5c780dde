#!/usr/bin/env node
// `npm test`: type-check, lint (module boundaries included), the web app's tests and build, then every Jest project.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, rmSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const env = {
  ...process.env,
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  // PGlite loads its WebAssembly through dynamic import, which Jest only allows with VM modules.
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--no-warnings=ExperimentalWarning'].filter(Boolean).join(' '),
};

if (process.env.DATABASE_URL) {
  console.log(`PostgreSQL tests: on, against ${process.env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')} (each run creates and drops its own database)`);
} else {
  console.log('PostgreSQL tests: SKIPPED because DATABASE_URL is not set (PGlite tests still run). Set DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run them.');
}

function run(label, command, args) {
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const jestArgs = process.argv.slice(2);

// Both runners write their counts as JSON, so the run closes on one plain line: `tests: N passed, N failed, N skipped`.
const resultsDir = path.join(root, 'tmp', 'test-results');
const results = { vitest: path.join(resultsDir, 'vitest.json'), jest: path.join(resultsDir, 'jest.json') };
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
if (jestArgs.length === 0) {
  run('type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  run('project graph', bin('nx'), ['show', 'projects']);
  run('lint', bin('eslint'), ['.', '--max-warnings=0']);
  run('web: type-check', bin('tsc'), ['-p', 'apps/web/tsconfig.json', '--noEmit']);
  run('web: unit tests (Vitest)', bin('vitest'), ['run', '--config', 'apps/web/vite.config.mts', '--reporter=default', '--reporter=json', `--outputFile=${results.vitest}`]);
  // Built before Jest so the API's tests (and the browser journeys) serve the real bundle.
  run('web: build', bin('vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']);
}
// A suite that leaves a handle open (a server that never closed) has already failed or been reported by Jest; the
// run must still end and print its totals rather than hang CI until its deadline.
run('tests', bin('jest'), ['--ci', '--forceExit', '--json', `--outputFile=${results.jest}`, ...jestArgs]);

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of Object.values(results)) {
  if (!existsSync(file)) continue;
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += counts.numPassedTests;
  totals.failed += counts.numFailedTests;
  totals.skipped += (counts.numPendingTests ?? 0) + (counts.numTodoTests ?? 0);
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);

#!/usr/bin/env node
/**
 * Issue 9: every protection has a test that fails when it is disabled. In a copy of the work tree (rsync without
 * .git, node_modules linked), each row's edit disables one protection, the named tests run and must FAIL, and the
 * edit is undone. Prints one line per row and a table; exits 1 unless every row says "yes".
 *
 *   node tools/prove-protections.js [--only <substring of a protection>]
 *
 * PostgreSQL rows need DATABASE_URL (they are skipped, and say so, without it). About 10 minutes on two cores.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SEC = 'apps/api/src/security';
const REL = 'apps/api/src/reliability';

/**
 * protection, file, the text to find (a string, or a list: the first one present is used, the code being
 * reworked), its replacement, the tests (spec and -t pattern), whether PostgreSQL is needed.
 */
const ROWS = [
  { protection: '401 before the body is read', file: 'apps/api/src/create-app.ts', find: 'app.use(authenticateFirst(app.get(TokenVerifier), Math.max(config.jsonBodyLimitBytes, MAX_EPISODES_BYTES + 64 * 1024)));', replace: '', spec: `${SEC}/limits-and-headers.e2e.spec.ts`, t: 'without a token is 401' },
  { protection: 'a refused upload is answered once it is in (no broken write)', file: `${SEC}/authenticate-first.ts`, find: 'if (!hasBody(req)) return refuse();', replace: 'return refuse();', spec: `${SEC}/unauthenticated-body.e2e.spec.ts`, t: '' },
  { protection: 'body size limit', file: 'apps/api/src/create-app.ts', find: 'limit: config.jsonBodyLimitBytes,', replace: "limit: '100mb',", spec: `${SEC}/limits-and-headers.e2e.spec.ts`, t: 'with a valid token is 413' },
  { protection: 'rate limit', file: 'apps/api/src/create-app.ts', find: 'if (config.rateLimitPerMinute > 0) {', replace: 'if (false) {', spec: `${SEC}/limits-and-headers.e2e.spec.ts`, t: '429' },
  { protection: 'security headers', file: 'apps/api/src/create-app.ts', find: "app.use(securityHeaders(config.nodeEnv === 'production'));", replace: '', spec: `${SEC}/limits-and-headers.e2e.spec.ts`, t: 'carries nosniff' },
  { protection: 'HSTS in production', file: 'apps/api/src/create-app.ts', find: "app.use(securityHeaders(config.nodeEnv === 'production'));", replace: 'app.use(securityHeaders(false));', spec: `${SEC}/limits-and-headers.e2e.spec.ts`, t: 'HSTS' },
  { protection: 'no internals in answers', file: 'apps/api/src/http/problem.filter.ts', find: "'An unexpected error occurred; it has been logged.'", replace: 'String((exception as Error)?.stack)', spec: `${SEC}/limits-and-headers.e2e.spec.ts`, t: 'without a stack trace' },
  { protection: 'request log', file: 'apps/api/src/create-app.ts', find: 'if (config.requestLog) app.use(requestLog(writeToStdout));', replace: '', spec: `${SEC}/limits-and-headers.e2e.spec.ts`, t: 'JSON request logs|logs method|correlation id when none' },
  { protection: 'no child data in logs', file: `${SEC}/request-log.ts`, find: '          path,\n', replace: '          path: req.originalUrl, body: req.body,\n', spec: `${SEC}/limits-and-headers.e2e.spec.ts`, t: 'keeps child data out' },
  { protection: 'section 8 on writes', file: 'libs/contracts/domain/src/lib/authorise.ts', find: "  if (state.status === 'none') return rejectWith('CONTRACT_NOT_FOUND', `no contract ${command.contractId}`);\n", replace: "  if (state.status === 'none') return rejectWith('CONTRACT_NOT_FOUND', `no contract ${command.contractId}`);\n  if (state.status !== 'none') return undefined;\n", spec: `${SEC}/authorisation-matrix.e2e.spec.ts`, t: 'POST' },
  { protection: 'section 8 on reads', file: 'libs/contracts/domain/src/lib/authorise.ts', find: "  if (actor.role === 'auditor') return undefined;", replace: '  return undefined;', spec: `${SEC}/authorisation-matrix.e2e.spec.ts`, t: 'GET|contract list' },
  { protection: 'body validation over HTTP (the DTOs)', file: 'libs/contracts/feature/src/lib/contract-command-gateway.ts', find: '...(await validateBody(COMMAND_BODIES[type as ContractCommandType], body))', replace: '...(await validateBody(COMMAND_BODIES[type as ContractCommandType], {})).slice(0, 0)', spec: `${SEC}/fuzzing.e2e.spec.ts`, t: 'one member of a wrong type' },
  { protection: 'path ids validated over HTTP', file: 'libs/contracts/feature/src/lib/contract-command-gateway.ts', find: '[...validatePathParams(params), ', replace: '[...validatePathParams({}), ', spec: `${SEC}/fuzzing.e2e.spec.ts`, t: 'path id or period that is not one' },
  { protection: 'body validation of history and imports (validateCommandBody)', file: 'libs/contracts/domain/src/lib/validate-body.ts', find: "  BODIES[type](body, '', errors);", replace: '', spec: 'libs/contracts/feature/src/lib/command-bodies.spec.ts', t: '' },
  { protection: 'identical create retried without a key appends nothing (decideRecordMeasurement)', file: 'libs/contracts/domain/src/lib/decide-record-measurement.ts', find: 'sameContent(known, data) ? [] :', replace: "sameContent(known, data) ? [{ type: 'MeasurementRecorded', data }] :", spec: `${REL}/retry-without-key.e2e.spec.ts`, t: '' },
  { protection: "the append's expected revision (optimistic concurrency)", file: 'libs/contracts/feature/src/lib/contract-command-pipeline.ts', find: "expectedRevision: events.length === 0 ? 'no_stream' : events.length - 1,", replace: "expectedRevision: 'any',", spec: `${REL}/concurrency.e2e.spec.ts`, t: 'PGlite' },
  { protection: 'rows and checkpoint in one transaction', file: 'libs/entitlements/feature/src/lib/projection-runner.ts', find: 'this.options.beforeCheckpoint?.(batch);', replace: "await client.query('COMMIT'); await client.query('BEGIN'); this.options.beforeCheckpoint?.(batch);", spec: `${REL}/projection-checkpoint.e2e.spec.ts`, t: 'PostgreSQL', postgres: true },
  { protection: 'runner drops its caches and folds after a failed batch', file: 'libs/entitlements/feature/src/lib/projection-runner.ts', find: ['      this.reset();\n      throw error;', '      docs.discard();\n      this.folds.clear();\n      // The runner re-reads its checkpoint before the next batch: another runner may have moved it.\n      this.docs = undefined;'], replace: '', spec: `${REL}/projection-checkpoint.e2e.spec.ts`, t: '' },
  { protection: "every pooled client hears its connection's error", file: 'libs/shared/event-store/src/lib/sql/postgres-executor.ts', find: "this.pool.on('connect', (client) => client.on('error', () => undefined));", replace: '', spec: 'libs/shared/event-store/src/lib/sql/postgres-executor.int.spec.ts', t: '', postgres: true },
  { protection: "the leader's advisory lock", file: 'libs/entitlements/feature/src/lib/leadership.ts', find: "'SELECT pg_try_advisory_lock($1) AS locked'", replace: "'SELECT pg_try_advisory_lock($1) OR true AS locked'", spec: `${REL}/two-instances.e2e.spec.ts`, t: '', postgres: true },
];

function main() {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const rows = ROWS.filter((row) => !only || row.protection.includes(only));
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'prove-protections-'));
  execFileSync('rsync', ['-a', '--exclude', '.git', '--exclude', 'node_modules', '--exclude', 'data', '--exclude', 'dist', `${ROOT}/`, `${tree}/`]);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'));
  const results = [];
  try {
    for (const row of rows) results.push(prove(tree, row));
  } finally {
    fs.rmSync(tree, { recursive: true, force: true });
  }
  console.log(`\n| protection | disabled by (file) | tests | fails when disabled |\n| --- | --- | --- | --- |`);
  for (const r of results) console.log(`| ${r.protection} | \`${r.file}\` | \`${path.basename(r.spec)}\`${r.t ? ` -t '${r.t}'` : ''} | ${r.verdict} |`);
  process.exit(results.every((r) => r.verdict.startsWith('yes')) ? 0 : 1);
}

function prove(tree, row) {
  const started = Date.now();
  const file = path.join(tree, row.file);
  const original = fs.readFileSync(file, 'utf8');
  const finds = Array.isArray(row.find) ? row.find : [row.find];
  const find = finds.find((text) => original.split(text).length === 2);
  const result = { ...row };
  if (row.postgres && !process.env.DATABASE_URL) return { ...result, verdict: 'skipped: needs DATABASE_URL' };
  if (!find) return { ...result, verdict: 'NO: the edit no longer applies (the code changed); update the row' };
  fs.writeFileSync(file, original.replace(find, row.replace));
  try {
    const args = ['jest', row.spec, ...(row.t ? ['-t', row.t] : [])];
    const run = spawnSync('npx', args, { cwd: tree, env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules', FORCE_COLOR: '0' }, encoding: 'utf8', timeout: 600_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    const summary = /Tests:\s+([^\n]+)/.exec(output)?.[1] ?? (run.signal ? `killed by ${run.signal}` : 'no summary');
    const failed = run.status !== 0;
    result.verdict = `${failed ? 'yes' : 'NO'} (${summary.trim()}; ${Math.round((Date.now() - started) / 1000)} s)`;
  } finally {
    fs.writeFileSync(file, original);
  }
  console.log(`${result.protection}: ${result.verdict}`);
  return result;
}

main();

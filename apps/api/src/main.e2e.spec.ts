import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const LEDGER = path.resolve(__dirname, '../../../bin/ledger.js');
const START_TIMEOUT_MS = 45_000;

interface Running {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function ledger(args: string[], env: Record<string, string>): Running {
  const { EVENT_STORE: _store, PORT: _port, DATA_DIR: _dir, ...inherited } = process.env;
  // A DATABASE_URL in the environment must not move `serve` off the embedded store.
  const child = spawn(process.execPath, [LEDGER, ...args], {
    env: { ...inherited, NODE_ENV: 'test', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

async function until<T>(what: string, probe: () => T | undefined, running: Running): Promise<T> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    if (running.child.exitCode !== null) throw new Error(`exited ${running.child.exitCode} before ${what}: ${running.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${what} within ${START_TIMEOUT_MS} ms: ${running.stderr()}`);
}

/** The exit code, or `'killed'` when it had to be killed after the bounded wait. */
async function exitCodeWithin(running: Running): Promise<number | null | 'killed'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'killed'>((resolve) => {
    timer = setTimeout(() => {
      running.child.kill('SIGKILL');
      resolve('killed');
    }, START_TIMEOUT_MS);
  });
  try {
    return await Promise.race([running.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('ledger serve, spawned as a user runs it', () => {
  let dataDir: string;
  let first: Running | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-serve-'));
  });

  afterAll(() => {
    if (first?.child.exitCode === null) first.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /health on the embedded store; a second serve on the same folder says it is busy; SIGTERM closes cleanly', async () => {
    const server = ledger(['serve'], { DATA_DIR: dataDir, PORT: '0' });
    first = server;
    const url = await until('listening line', () => /listening on (http:\/\/localhost:\d+) \(store: pglite in /.exec(server.stderr())?.[1], server);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: { kind: 'pglite' } });

    const second = ledger(['serve'], { DATA_DIR: dataDir, PORT: '0' });
    expect(await exitCodeWithin(second)).toBe(1);
    expect(second.stderr()).toContain(`is in use by process ${server.child.pid}`);
    expect(second.stderr()).not.toMatch(/^\s+at /m);

    server.child.kill('SIGTERM');
    expect({ code: await exitCodeWithin(server), stderr: server.stderr() }).toEqual({ code: 0, stderr: expect.stringContaining('Shutting down: closing the store') });
    expect(existsSync(path.join(dataDir, 'store.lock'))).toBe(false);
  });

  it('--worker runs the projections on the store, serving only GET /health (for the probes), until SIGTERM, then exits 0', async () => {
    const worker = ledger(['serve', '--worker'], { DATA_DIR: dataDir, PORT: '0' });
    const port = await until('worker line', () => /Ledger worker running \(store: pglite in .*GET \/health on port (\d+)/.exec(worker.stderr())?.[1], worker);
    expect(existsSync(path.join(dataDir, 'store.lock'))).toBe(true);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: { kind: 'pglite' }, projections: { role: 'leader' } });
    expect((await fetch(`http://127.0.0.1:${port}/api/contracts`)).status).toBe(404);
    worker.child.kill('SIGTERM');
    expect({ code: await exitCodeWithin(worker), stderr: worker.stderr() }).toEqual({ code: 0, stderr: expect.stringContaining('Shutting down: closing the store') });
    expect(existsSync(path.join(dataDir, 'store.lock'))).toBe(false);
  });

  it('a bad variable stops it with one line naming the variable, exit 1, no stack trace', async () => {
    const run = ledger(['serve'], { DATA_DIR: dataDir, PORT: 'abc' });
    expect(await exitCodeWithin(run)).toBe(1);
    expect(run.stderr()).toBe('ledger serve: Invalid configuration: PORT must be an integer from 0 to 65535 (got "abc")\n');
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { TEST_JWT_SECRET } from '@ledger/testing';

/** Spawned `ledger serve` processes on a PostgreSQL test database, as an operator runs them. */
const LEDGER = path.resolve(__dirname, '../../../../bin/ledger.js');
export const START_TIMEOUT_MS = 60_000;

export interface Process {
  name: string;
  child: ChildProcess;
  stderr: () => string;
  url?: string;
}

export function ledger(name: string, args: string[], databaseUrl: string): Process {
  const { PORT: _port, DATA_DIR: _dir, ...inherited } = process.env;
  const child = spawn(process.execPath, [LEDGER, ...args], {
    env: { ...inherited, NODE_ENV: 'test', EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl, PORT: '0', LEDGER_CLOCK_HEADER: 'true', AUTH_JWT_SECRET: TEST_JWT_SECRET, SEED_DEMO: 'false' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { name, child, stderr: () => stderr };
}

export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no ${what} within ${timeoutMs} ms`);
}

export async function started(process: Process): Promise<void> {
  process.url = await until(`${process.name} start-up line`, START_TIMEOUT_MS, () => {
    if (process.child.exitCode !== null) throw new Error(`${process.name} exited ${process.child.exitCode}: ${process.stderr()}`);
    const api = /listening on (http:\/\/localhost:\d+)/.exec(process.stderr())?.[1];
    const worker = /GET \/health on port (\d+)/.exec(process.stderr())?.[1];
    return api ?? (worker ? `http://localhost:${worker}` : undefined);
  });
}

export interface Health {
  projections?: { role: string; projections: { name: string; lagEvents: number; state: string }[] };
}

export async function healthOf(process: Process): Promise<Health | undefined> {
  if (process.child.exitCode !== null || process.child.signalCode !== null) return undefined;
  const response = await fetch(`${process.url}/health`).catch(() => undefined);
  return response?.ok ? ((await response.json()) as Health) : undefined;
}


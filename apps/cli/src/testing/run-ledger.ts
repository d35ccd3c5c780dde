import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { EXAMPLES_DIR } from '@ledger/testing';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export { EXAMPLES_DIR } from '@ledger/testing';

export function exampleFolders(): string[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

export interface LedgerRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const RUN_TIMEOUT_MS = 30_000;

/** `node bin/ledger.js ARGS` as a user runs it, killed if it outlives a bounded wait. */
export function runLedger(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<LedgerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/ledger.js'), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** No stack frame reached the user. */
export const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

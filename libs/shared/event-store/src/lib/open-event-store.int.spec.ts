import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventIdFor } from '@ledger/kernel';
import { openEventStore } from './open-event-store';
import { LOCK_FILE, StoreBusyError } from './store-lock';

const metadata = { actor: { sub: 'u', role: 'admin', org: 'ADMIN' }, commandId: 'c', correlationId: 'k', recordedAt: '2025-01-01T00:00:00Z', schemaVersion: 1 };

describe('openEventStore: the embedded store on disk', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-store-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps events across a close and a reopen, and says it is PGlite', async () => {
    const first = await openEventStore({ kind: 'pglite', dataDir });
    expect(first.kind).toBe('pglite');
    await first.appendToStream('kept-1', [{ id: eventIdFor('c', 0), type: 'Kept', data: { n: 1 }, metadata }], { expectedRevision: 'no_stream' });
    await first.close();
    const second = await openEventStore({ kind: 'pglite', dataDir });
    try {
      expect((await second.readStream('kept-1')).map((e) => e.data)).toEqual([{ n: 1 }]);
    } finally {
      await second.close();
    }
  });

  it('refuses a second opener in the same process while the first holds the folder, then lets it in', async () => {
    const first = await openEventStore({ kind: 'pglite', dataDir });
    const error = await openEventStore({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreBusyError);
    expect((error as StoreBusyError).message).toContain(path.resolve(dataDir));
    expect((error as StoreBusyError).pid).toBe(process.pid);
    await first.close();
    const second = await openEventStore({ kind: 'pglite', dataDir });
    await second.close();
  });

  it('refuses while another live process holds the lock, naming the folder and the process', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dataDir, LOCK_FILE), `${holder.pid}\n`);
      const error = await openEventStore({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreBusyError);
      expect(error).toMatchObject({ dataDir: path.resolve(dataDir), pid: holder.pid });
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a process that has died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(dataDir, LOCK_FILE), `${dead.stdout}\n`);
    const store = await openEventStore({ kind: 'pglite', dataDir });
    await store.close();
  });
});

import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class StoreBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the data folder ${dataDir} is in use by process ${pid}: the embedded store serves one process at a time ` +
        `(stop that process, use its API, or use PostgreSQL)`,
    );
    this.name = 'StoreBusyError';
  }
}

export const LOCK_FILE = 'store.lock';

/** Lock files this process holds: a lock naming our own pid that we do not hold is a stale one (a reused pid). */
const held = new Set<string>();

export interface StoreLock {
  release(): void;
}

/**
 * An exclusive lock on an embedded store's data folder, held as a file naming the holder's pid. The file is
 * linked into place complete, so a reader never sees it empty; a lock whose process is gone is taken over.
 */
export function acquireStoreLock(dataDir: string): StoreLock {
  const file = path.resolve(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    const draft = `${file}.${process.pid}.${attempt}.tmp`;
    writeFileSync(draft, `${process.pid}\n`);
    try {
      linkSync(draft, file);
      held.add(file);
      return {
        release() {
          if (!held.delete(file)) return;
          if (holderOf(file) === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
    const holder = holderOf(file);
    if (holder !== undefined && isAlive(holder) && (holder !== process.pid || held.has(file))) throw new StoreBusyError(path.resolve(dataDir), holder);
    rmSync(file, { force: true });
  }
  throw new StoreBusyError(path.resolve(dataDir), holderOf(file) ?? -1);
}

function holderOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

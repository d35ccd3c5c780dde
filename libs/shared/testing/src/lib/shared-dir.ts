import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The read-only `shared/` folder (spec, worked examples, public data) lies beside the work tree, in a session's
 * checkout and in CI's fresh clone alike; `LEDGER_SHARED_DIR` overrides it.
 */
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');

export const SHARED_DIR = process.env.LEDGER_SHARED_DIR ?? path.resolve(REPO_ROOT, '../shared');

export const EXAMPLES_DIR = path.join(SHARED_DIR, 'spec', 'examples');

export function sharedPath(...segments: string[]): string {
  const target = path.join(SHARED_DIR, ...segments);
  if (!existsSync(target)) throw new Error(`${target} is missing: shared/ must lie beside the repository (or set LEDGER_SHARED_DIR)`);
  return target;
}

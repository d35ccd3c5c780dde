import * as path from 'node:path';
import type { Actor } from '@ledger/kernel';
import { readNdjson } from '../http/ledger-api';
import { EXAMPLES_DIR } from './shared-dir';

/** A line of the examples' rejections/cases.ndjson: a command on a prefix of an example, and the answer it gets. */
export interface RejectionCase {
  name: string;
  example: string;
  after: number;
  command: { method: string; path: string; actor: Actor | null; now?: string; body?: unknown; raw?: string; headers?: Record<string, string> };
  expect: { status: number; code: string };
}

export function loadRejectionCases(): RejectionCase[] {
  return readNdjson(path.join(EXAMPLES_DIR, 'rejections', 'cases.ndjson')) as RejectionCase[];
}

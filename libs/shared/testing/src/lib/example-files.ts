import * as path from 'node:path';
import type { Actor } from '@ledger/kernel';
import { catalogueFromPublications, type Catalogue, type PublishDefinition } from '@ledger/outcome-framework-domain';
import { readNdjson } from '../http/ledger-api';
import { EXAMPLES_DIR } from './shared-dir';

/** The examples' framework.ndjson, published in order from an empty catalogue. */
export function exampleCatalogue(): Catalogue {
  const catalogue = catalogueFromPublications(readNdjson(path.join(EXAMPLES_DIR, 'framework.ndjson')) as Omit<PublishDefinition, 'type'>[]);
  if ('rejection' in catalogue) throw new Error(`framework.ndjson line ${catalogue.index + 1}: ${catalogue.rejection.code}`);
  return catalogue;
}

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

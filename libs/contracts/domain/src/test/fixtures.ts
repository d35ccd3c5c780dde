import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ContractEvent } from '@ledger/contracts-model';
import { type Actor, eventHash, GENESIS_HASH, isRejection } from '@ledger/kernel';
import { type Catalogue, decideFramework, EMPTY_CATALOGUE, evolveCatalogue, outcomeKinds, type PublishDefinition } from '@ledger/outcome-framework-domain';
import type { ContractStreamEvent } from '../lib/state';

/**
 * Test support: the shared worked examples (read-only) and a way to record events the way a store would. The
 * examples are found as @ledger/testing's EXAMPLES_DIR finds them (shared/ beside the repository, or
 * LEDGER_SHARED_DIR): this library's specs cannot import @ledger/testing, which depends on this library.
 */
export const EXAMPLES_DIR = join(process.env['LEDGER_SHARED_DIR'] ?? resolve(__dirname, '../../../../../../shared'), 'spec', 'examples');

export interface Example {
  name: string;
  events: ContractStreamEvent[];
}

function readNdjson<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function loadExamples(): Example[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(EXAMPLES_DIR, entry.name, 'events.ndjson')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, events: readNdjson<ContractStreamEvent>(join(EXAMPLES_DIR, name, 'events.ndjson')) }));
}

export function loadCatalogue(): Catalogue {
  return readNdjson<Omit<PublishDefinition, 'type'>>(join(EXAMPLES_DIR, 'framework.ndjson')).reduce((catalogue, body) => {
    const events = decideFramework({ type: 'PublishDefinition', ...body }, catalogue);
    if (isRejection(events)) throw new Error(`framework.ndjson: ${events.code}`);
    return events.reduce(evolveCatalogue, catalogue);
  }, EMPTY_CATALOGUE);
}

export function frameworkKinds(catalogue: Catalogue = loadCatalogue()) {
  return outcomeKinds(catalogue);
}

export interface RejectionCase {
  name: string;
  example: string;
  after: number;
  command: {
    method: string;
    path: string;
    actor: Actor | null;
    now?: string;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
  };
  expect: { status: number; code: string };
}

export function loadRejectionCases(): RejectionCase[] {
  return readNdjson<RejectionCase>(join(EXAMPLES_DIR, 'rejections', 'cases.ndjson'));
}

/** Appends decided events after `stream` as a store would: revision, envelope and hash chain. */
export function record(stream: readonly ContractStreamEvent[], produced: readonly ContractEvent[], actor: Actor, recordedAt: string): ContractStreamEvent[] {
  const out = [...stream];
  for (const event of produced) {
    const prevHash = out.length === 0 ? GENESIS_HASH : out[out.length - 1].metadata.hash;
    const actorOf = event.type === 'ContractAgreed' ? { sub: 'system', role: 'system', org: 'SYSTEM' } : actor;
    const metadata = { actor: actorOf, commandId: `cmd-${out.length}`, correlationId: 'corr', recordedAt, schemaVersion: 1, prevHash, hash: '' };
    const hash = eventHash(prevHash, { type: event.type, data: event.data, metadata });
    out.push({ ...event, revision: out.length, metadata: { ...metadata, hash } } as ContractStreamEvent);
  }
  return out;
}

/** Recomputes every hash from `from` on, so that only the rules (not the chain) can catch an edit. */
export function rechain(events: readonly ContractStreamEvent[]): ContractStreamEvent[] {
  const out: ContractStreamEvent[] = [];
  for (const event of events) {
    const prevHash = out.length === 0 ? GENESIS_HASH : out[out.length - 1].metadata.hash;
    const metadata = { ...event.metadata, prevHash, hash: '' };
    const hash = eventHash(prevHash, { type: event.type, data: event.data, metadata });
    out.push({ ...event, metadata: { ...metadata, hash } } as ContractStreamEvent);
  }
  return out;
}

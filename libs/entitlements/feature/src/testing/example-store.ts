import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FoldEvent } from '@ledger/entitlements-domain';
import type { EventStore } from '@ledger/event-store';
import { eventIdFor, type EventMetadata } from '@ledger/kernel';

/** shared/ beside the repository, or LEDGER_SHARED_DIR (as @ledger/testing finds it; this library cannot import it). */
export const EXAMPLES_FOLDER = join(process.env['LEDGER_SHARED_DIR'] ?? resolve(__dirname, '../../../../../../shared'), 'spec', 'examples');

export interface ExportedEvent {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface Example {
  name: string;
  streamId: string;
  events: ExportedEvent[];
}

export function loadExamples(folder = EXAMPLES_FOLDER): Example[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, 'events.ndjson')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const events = readFileSync(join(folder, name, 'events.ndjson'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as ExportedEvent);
      return { name, streamId: events[0].streamId, events };
    });
}

/**
 * Appends every example's events to the store, taking one event from each example in turn, so batches mix
 * streams as a national ledger's would; `range` appends the events numbered `from` (exclusive) to `to` (inclusive) of
 * that order. The store seals them again (its own hashes and positions).
 */
export async function appendExamples(store: EventStore, examples: readonly Example[], range: { from?: number; to?: number } = {}): Promise<number> {
  const { from = 0, to = Infinity } = range;
  let seen = 0;
  let appended = 0;
  const longest = Math.max(...examples.map((example) => example.events.length));
  for (let index = 0; index < longest; index++) {
    for (const example of examples) {
      const event = example.events[index];
      if (event === undefined) continue;
      seen++;
      if (seen <= from || seen > to) continue;
      const { prevHash: _prevHash, hash: _hash, ...metadata } = event.metadata;
      await store.appendToStream(
        event.streamId,
        [{ id: eventIdFor(`${example.name}-${event.revision}`, 0), type: event.type, data: event.data, metadata }],
        { expectedRevision: event.revision === 0 ? 'no_stream' : event.revision - 1 },
      );
      appended++;
    }
  }
  return appended;
}

/** A stream as the fold reads it, from the store. */
export async function storedStream(store: EventStore, streamId: string): Promise<FoldEvent[]> {
  return (await store.readStream(streamId)) as unknown as FoldEvent[];
}

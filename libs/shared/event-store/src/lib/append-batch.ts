import { eventHash, GENESIS_HASH, isUuid, type EventMetadata } from '@ledger/kernel';
import { IdempotencyKeyReusedError, type EventToAppend, type ExpectedRevision } from './port';

/** What every adapter checks of an append before it touches its store, the same way on every store. */
export function validateBatch(streamId: string, events: EventToAppend[], expected: ExpectedRevision, maxEvents: number): EventToAppend[] {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('a stream id is required');
  if (typeof expected === 'number') checkRevision(expected);
  if (events.length === 0) throw new TypeError(`stream ${streamId}: an append needs at least one event`);
  if (events.length > maxEvents) throw new TypeError(`stream ${streamId}: at most ${maxEvents} events per append`);
  const seen = new Set<string>();
  return events.map((event) => {
    if (!isUuid(event.id)) throw new TypeError(`event id must be a UUID: ${event.id}`);
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new IdempotencyKeyReusedError(id, 'appears twice in one append');
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`event ${id}: a type is required`);
    checkInstant(event.metadata?.recordedAt);
    return { id, type: event.type, data: viaJson(event.data), metadata: viaJson(event.metadata) };
  });
}

/**
 * Data and metadata go through JSON once, so what is hashed is exactly what the store keeps and gives back
 * (a Date becomes its ISO text, undefined members vanish) whatever the caller handed in.
 */
function viaJson<T>(value: T): T {
  if (value === undefined) throw new TypeError('event data and metadata must be JSON values');
  return JSON.parse(JSON.stringify(value)) as T;
}

export interface SealedEvent {
  id: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: string;
}

/**
 * The hash chain is the application's (spec section 2): each event is sealed from the stream head read under the
 * expected revision (`undefined`: a new stream), ignoring any prevHash or hash the caller sent.
 */
export function seal(batch: EventToAppend[], head: { revision: number; hash: string } | undefined): SealedEvent[] {
  let prevHash = head?.hash ?? GENESIS_HASH;
  let revision = head ? head.revision : -1;
  return batch.map((event) => {
    revision += 1;
    const unsealed = { ...event.metadata } as Record<string, unknown>;
    delete unsealed['prevHash'];
    delete unsealed['hash'];
    const hash = eventHash(prevHash, { type: event.type, data: event.data, metadata: unsealed });
    const metadata = { ...unsealed, prevHash, hash } as unknown as EventMetadata;
    prevHash = hash;
    return { id: event.id, revision, type: event.type, data: event.data, metadata, recordedAt: event.metadata.recordedAt };
  });
}

export function checkInstant(instant: unknown): string {
  if (typeof instant !== 'string' || Number.isNaN(Date.parse(instant))) throw new TypeError(`not an ISO-8601 instant: ${String(instant)}`);
  return instant;
}

export function checkRevision(revision: number): number {
  if (!Number.isSafeInteger(revision) || revision < 0) throw new TypeError(`expected revision must be a revision (>= 0), no_stream, exists or any: ${revision}`);
  return revision;
}

export function checkCount(count: number | undefined): number | undefined {
  if (count === undefined) return undefined;
  if (!Number.isSafeInteger(count) || count < 0) throw new TypeError(`maxCount must be a non-negative integer: ${count}`);
  return count;
}

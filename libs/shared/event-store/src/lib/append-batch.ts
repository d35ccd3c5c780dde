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
    return { id, type: event.type, data: asJson(event.data), metadata: asJson(event.metadata) };
  });
}

/**
 * Data and metadata as JSON keeps them, so what is hashed is exactly what the store keeps and gives back (a Date
 * becomes its ISO text, undefined members vanish) whatever the caller handed in. A value that is JSON already is
 * taken as it is: looking costs a sixth of the round trip through JSON text, which was most of an append's own work.
 */
function asJson<T>(value: T): T {
  if (isPlainJson(value)) return value;
  if (value === undefined) throw new TypeError('event data and metadata must be JSON values');
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Null, booleans, finite numbers, strings, and arrays and plain objects of them: what JSON.parse gives back. */
function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) if (!isPlainJson(value[index])) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) return false;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) if (!isPlainJson(record[key])) return false;
      return true;
    }
    default:
      return false;
  }
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
    const { prevHash: _prevHash, hash: _hash, ...unsealed } = event.metadata as unknown as Record<string, unknown>;
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

import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type JSONType,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { canonicalJson, GENESIS_HASH, uuidV5, type EventMetadata, type RecordedEvent } from '@ledger/kernel';
import {
  ConcurrencyError,
  IdempotencyKeyReusedError,
  type AppendResult,
  type AsOf,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import { decodePosition, encodePosition } from './position';
import { checkCount, checkInstant, checkRevision, seal, validateBatch, type SealedEvent } from '../append-batch';
import { LiveSubscriptions } from '../live-subscriptions';

export interface EsdbEventStoreOptions {
  /** How many streams' heads and event ids this process remembers, so an append reads only what is new. */
  streamCacheSize?: number;
  /** Events per read of $all (the client reads $all unfiltered, so the adapter filters and pages). */
  readAllPageSize?: number;
}

/**
 * One stream per event id, holding the stream the id was first appended to: EventStoreDB has no index of ids
 * across streams, and its own idempotency only covers the events right after an expected revision.
 */
export const EVENT_ID_CLAIM_PREFIX = 'ledger-event-id-';
/** Namespace of the claims' own event ids (UUIDv5 of `{streamId}\n{eventId}`), so a retried claim is idempotent. */
const CLAIM_NAMESPACE = '3d0f6b8e-2c47-5a1e-9b6d-7f4e1c2a8b50';
/** System streams (`$...`) and claims are not the ledger's events; readers of all never see them. */
const VISIBLE_STREAM_REGEX = `^(?!\\$|${EVENT_ID_CLAIM_PREFIX})`;
const HIDDEN_STREAM = new RegExp(`^(\\$|${EVENT_ID_CLAIM_PREFIX})`);
const MAX_EVENTS_PER_APPEND = 65_536;
const MAX_APPEND_ATTEMPTS = 50;

/** What this process knows of a stream: its head and the revision of every event id in it. */
interface StreamState {
  revision: number;
  hash: string;
  ids: Map<string, number>;
}

export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb';
  private readonly states: StreamStates;
  private readonly pageSize: number;
  private readonly subscriptions = new LiveSubscriptions();

  constructor(
    readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.states = new StreamStates(options.streamCacheSize ?? 1_000);
    this.pageSize = Math.max(2, options.readAllPageSize ?? 1_000);
  }

  async appendToStream(streamId: string, events: EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const { expectedRevision } = options;
    if (HIDDEN_STREAM.test(streamId)) throw new TypeError(`stream ${streamId}: the name is reserved`);
    const batch = validateBatch(streamId, events, expectedRevision, MAX_EVENTS_PER_APPEND);
    // A remembered head is tried as it is: if the stream moved, EventStoreDB refuses the append (or, for the very
    // ids that follow it, answers as if it wrote them, which the read-back in `confirm` tells apart).
    let state = this.states.peek(streamId);
    let fresh = false;
    if (!state && expectedRevision !== 'no_stream') {
      state = await this.sync(streamId);
      fresh = true;
    }
    state ??= this.states.get(streamId);
    let claimed = false;
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const replay = await this.replayOf(streamId, batch, state);
      if (replay) return replay;
      if (!satisfies(expectedRevision, state.revision)) {
        if (fresh) throw new ConcurrencyError(streamId, expectedRevision, state.revision < 0 ? 'no_stream' : state.revision);
        state = await this.sync(streamId);
        fresh = true;
        continue;
      }
      if (!claimed) {
        await this.claim(streamId, batch);
        claimed = true;
      }
      const sealed = seal(batch, state.revision < 0 ? undefined : state);
      const head = state.revision;
      try {
        await this.client.appendToStream(
          streamId,
          sealed.map((event) => jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: event.metadata })),
          { expectedRevision: head < 0 ? NO_STREAM : BigInt(head) },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        state = await this.sync(streamId);
        fresh = true;
        continue;
      }
      return this.confirm(streamId, head + 1, sealed);
    }
    throw new Error(`stream ${streamId}: the append kept meeting concurrent writers (${MAX_APPEND_ATTEMPTS} attempts)`);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const limit = checkCount(options.maxCount);
    if (limit === 0) return [];
    const visible = asOfFilter(options.asOf);
    const fromRevision = options.fromRevision === undefined ? (backwards ? END : START) : BigInt(checkRevision(options.fromRevision));
    const read = await this.collect(
      this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision,
        // As of a moment, later events come first backwards, so the count applies after the filter.
        ...(limit === undefined || visible ? {} : { maxCount: limit }),
      }),
    );
    const events = read.map(toRecorded).filter(visible ?? (() => true));
    return limit === undefined ? events : events.slice(0, limit);
  }

  async streamRevision(streamId: string): Promise<number | undefined> {
    const [last] = await this.collect(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    return last?.event ? Number(last.event.revision) : undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = checkCount(options.maxCount);
    const prefixes = options.streamPrefixes;
    if (limit === 0 || prefixes?.length === 0) return [];
    let floor = options.after === undefined ? undefined : BigInt(encodePosition(decodePosition(options.after)));
    const events: RecordedEvent[] = [];
    for (;;) {
      const from: ReadPosition = floor === undefined ? START : decodePosition(floor.toString());
      const page = await this.collect(this.client.readAll({ fromPosition: from, maxCount: this.pageSize }));
      for (const resolved of page) {
        if (!resolved.event) continue;
        const position = BigInt(positionOf(resolved.event));
        // A read of $all includes the event at its starting position.
        if (floor !== undefined && position <= floor) continue;
        floor = position;
        if (!isLedgerEvent(resolved.event, prefixes)) continue;
        events.push(toRecorded(resolved));
        if (events.length === limit) return events;
      }
      if (page.length < this.pageSize) return events;
    }
  }

  subscribeToAll(handler: (batch: RecordedEvent[]) => Promise<void>, options: SubscribeOptions = {}): Subscription {
    const batchSize = checkCount(options.batchSize ?? options.maxCount ?? 500) || 500;
    const prefixes = options.streamPrefixes;
    const after = options.after === undefined ? undefined : decodePosition(options.after);
    let stopped = false;
    let signal: (() => void) | undefined;
    const run = async () => {
      if (prefixes?.length === 0) {
        while (!stopped) await new Promise<void>((resolve) => (signal = resolve));
        return;
      }
      const source = this.client.subscribeToAll({
        fromPosition: after ?? START,
        filter: prefixes ? streamNameFilter({ prefixes }) : streamNameFilter({ regex: VISIBLE_STREAM_REGEX }),
      });
      let failure: unknown;
      let ended = false;
      const wake = () => signal?.();
      source.on('readable', wake);
      source.on('error', (error: unknown) => {
        failure = error;
        wake();
      });
      source.on('end', () => {
        ended = true;
        wake();
      });
      let floor = after === undefined ? undefined : BigInt(encodePosition(after));
      try {
        while (!stopped) {
          const received: AllStreamResolvedEvent[] = [];
          for (let item: AllStreamResolvedEvent | null; received.length < batchSize && (item = source.read() as AllStreamResolvedEvent | null) !== null; ) received.push(item);
          if (received.length === 0) {
            if (failure !== undefined) throw failure;
            if (ended) throw new Error('the subscription to $all ended');
            await new Promise<void>((resolve) => (signal = resolve));
            signal = undefined;
            continue;
          }
          const batch: RecordedEvent[] = [];
          for (const resolved of received) {
            if (!resolved.event) continue;
            const position = BigInt(positionOf(resolved.event));
            if (floor !== undefined && position <= floor) continue;
            floor = position;
            if (isLedgerEvent(resolved.event, prefixes)) batch.push(toRecorded(resolved));
          }
          if (batch.length > 0 && !stopped) await handler(batch);
        }
      } finally {
        await source.unsubscribe().catch(() => undefined);
      }
    };
    const done = run();
    return this.subscriptions.track(done, () => {
      stopped = true;
      signal?.();
    });
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.client.dispose();
  }

  /** Brings this process's view of the stream up to its head, reading only the events it has not seen. */
  private async sync(streamId: string): Promise<StreamState> {
    const state = this.states.get(streamId);
    const fresh = await this.collect(this.client.readStream(streamId, { fromRevision: BigInt(state.revision + 1) }));
    for (const resolved of fresh) {
      const event = resolved.event;
      if (!event || Number(event.revision) <= state.revision) continue;
      state.revision = Number(event.revision);
      state.hash = (event.metadata as unknown as EventMetadata).hash;
      state.ids.set(event.id, state.revision);
    }
    return state;
  }

  /** Spec section 2: a batch already stored as given is answered with its original result; anything else is refused. */
  private async replayOf(streamId: string, batch: EventToAppend[], state: StreamState): Promise<AppendResult | undefined> {
    const known = batch.filter((event) => state.ids.has(event.id));
    if (known.length === 0) return undefined;
    if (known.length < batch.length) {
      const fresh = batch.find((event) => !state.ids.has(event.id));
      throw new IdempotencyKeyReusedError(known[0].id, `is already stored but its append now also holds the new event ${fresh?.id}`);
    }
    const revisions = batch.map((event) => state.ids.get(event.id) ?? 0);
    const first = Math.min(...revisions);
    const stored = await this.readStream(streamId, { fromRevision: first, maxCount: Math.max(...revisions) - first + 1 });
    const byId = new Map(stored.map((event) => [event.id, event]));
    for (const event of batch) {
      const original = byId.get(event.id);
      if (!original || original.type !== event.type || canonicalJson(original.data) !== canonicalJson(event.data)) throw new IdempotencyKeyReusedError(event.id);
    }
    const last = stored[stored.length - 1];
    return { streamId, revision: last.revision, globalPosition: last.globalPosition, written: false };
  }

  /** Records which stream each new id belongs to, refusing an id another stream already holds. */
  private async claim(streamId: string, batch: EventToAppend[]): Promise<void> {
    await Promise.all(
      batch.map(async (event) => {
        const claimStream = `${EVENT_ID_CLAIM_PREFIX}${event.id}`;
        try {
          await this.client.appendToStream(claimStream, jsonEvent({ id: uuidV5(`${streamId}\n${event.id}`, CLAIM_NAMESPACE), type: 'EventIdClaimed', data: { streamId } }), {
            expectedRevision: NO_STREAM,
          });
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
          const [claim] = await this.collect(this.client.readStream(claimStream, { maxCount: 1 }));
          const owner = (claim?.event?.data as { streamId?: unknown } | undefined)?.streamId;
          if (owner !== streamId) throw new IdempotencyKeyReusedError(event.id, `is already stored in stream ${String(owner)}`);
        }
      }),
    );
  }

  /**
   * Reads the batch back: its positions are the ones readers will see, and a concurrent writer of the same ids
   * (which EventStoreDB answers as an idempotent success) shows up as events that are not the ones sealed here.
   */
  private async confirm(streamId: string, firstRevision: number, sealed: SealedEvent[]): Promise<AppendResult> {
    const stored = await this.readStream(streamId, { fromRevision: firstRevision, maxCount: sealed.length });
    const ours = stored.length === sealed.length && stored.every((event, index) => event.id === sealed[index].id && event.metadata.hash === sealed[index].metadata.hash);
    if (!ours) {
      this.states.forget(streamId);
      const replay = await this.replayOf(streamId, sealed, await this.sync(streamId));
      if (replay) return replay;
      throw new Error(`stream ${streamId}: the append was acknowledged but its events are not at revision ${firstRevision}`);
    }
    const state = this.states.get(streamId);
    const last = stored[stored.length - 1];
    // Only a head right before the batch may move: the ids of events in between would be missing otherwise.
    if (state.revision === firstRevision - 1) {
      for (const event of stored) state.ids.set(event.id, event.revision);
      state.revision = last.revision;
      state.hash = last.metadata.hash;
    }
    return { streamId, revision: last.revision, globalPosition: last.globalPosition, written: true };
  }

  private async collect<E extends ResolvedEvent>(read: AsyncIterable<E>): Promise<E[]> {
    const events: E[] = [];
    try {
      for await (const event of read) events.push(event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }
}

/** Opens the adapter on an EventStoreDB/KurrentDB connection string (`esdb://`, `esdb+discover://`, `kurrentdb://`...). */
export function openEsdbEventStore(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
  return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
}

function satisfies(expected: ExpectedRevision, revision: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return revision < 0;
    case 'exists':
      return revision >= 0;
    default:
      return revision === expected;
  }
}

function isLedgerEvent(event: NonNullable<ResolvedEvent['event']>, prefixes: string[] | undefined): boolean {
  if (!event.isJson || HIDDEN_STREAM.test(event.streamId)) return false;
  return prefixes === undefined || prefixes.some((prefix) => event.streamId.startsWith(prefix));
}

function positionOf(event: NonNullable<ResolvedEvent['event']>): string {
  if (!event.position) throw new Error(`event ${event.id} of ${event.streamId} came without its position in $all`);
  return encodePosition(event.position);
}

function toRecorded(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('a link without its event: the ledger writes no links');
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    globalPosition: positionOf(event),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
  };
}

function asOfFilter(asOf: AsOf | undefined): ((event: RecordedEvent) => boolean) | undefined {
  if (!asOf) return undefined;
  if ('position' in asOf) {
    const limit = BigInt(encodePosition(decodePosition(asOf.position)));
    return (event) => BigInt(event.globalPosition) <= limit;
  }
  const instant = Date.parse(checkInstant(asOf.recordedAt));
  return (event) => Date.parse(event.metadata.recordedAt) <= instant;
}

/** Least recently used first out; a stale entry costs a longer read, never a wrong write. */
class StreamStates {
  private readonly entries = new Map<string, StreamState>();

  constructor(private readonly capacity: number) {}

  peek(streamId: string): StreamState | undefined {
    return this.entries.has(streamId) ? this.get(streamId) : undefined;
  }

  get(streamId: string): StreamState {
    const state = this.entries.get(streamId) ?? { revision: -1, hash: GENESIS_HASH, ids: new Map<string, number>() };
    this.entries.delete(streamId);
    this.entries.set(streamId, state);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return state;
  }

  forget(streamId: string): void {
    this.entries.delete(streamId);
  }
}

import type { EventMetadata, RecordedEvent, UnsealedMetadata } from '@ledger/kernel';

/** `no_stream`: the stream must not exist; `exists`: it must; `any`: no check; a number: its last revision. */
export type ExpectedRevision = 'no_stream' | 'any' | 'exists' | number;

export interface EventToAppend {
  /** UUID v5 of `{commandId}:{index}` (spec section 2): the idempotency key of the event. */
  id: string;
  type: string;
  data: unknown;
  metadata: UnsealedMetadata;
}

export interface AppendResult {
  streamId: string;
  /** Revision of the last event of the batch (the original one on an idempotent replay). */
  revision: number;
  globalPosition: string;
  /** False when every event was already stored with the same type and data and nothing was written. */
  written: boolean;
}

/** What a reader knew at a moment: an instant compared with `recordedAt`, or a global position. */
export type AsOf = { recordedAt: string } | { position: string };

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
  asOf?: AsOf;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the beginning. */
  after?: string;
  maxCount?: number;
  /** Only streams whose id starts with one of these prefixes. */
  streamPrefixes?: string[];
}

/** What read models use of an event: not its id, and of its metadata only who recorded it and when. */
export type ProjectedEvent<Type extends string = string, Data = unknown> = Omit<RecordedEvent<Type, Data>, 'id' | 'metadata'> & {
  metadata: Pick<EventMetadata, 'actor' | 'recordedAt'>;
};

export interface SubscribeOptions extends ReadAllOptions {
  batchSize?: number;
}

export interface Subscription {
  /** Resolves once the handler of the batch in flight has finished and nothing more will be delivered. */
  stop(): Promise<void>;
  /** Rejects when the handler throws or the store fails; the subscription is then stopped. */
  readonly done: Promise<void>;
}

export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${expected}, found ${actual}`);
    this.name = 'ConcurrencyError';
  }
}

export class IdempotencyKeyReusedError extends Error {
  constructor(
    readonly eventId: string,
    /** Why the key cannot be replayed; the default is the spec's case. */
    readonly detail = 'is already stored with other content',
  ) {
    super(`event id ${eventId} ${detail}`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

export interface EventStore {
  /** Names the store for /health, e.g. `pglite` or `postgres`. */
  readonly kind: string;
  appendToStream(streamId: string, events: EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Last revision of the stream, or undefined when it does not exist. */
  streamRevision(streamId: string): Promise<number | undefined>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * `readAll` narrowed to what read models use: the same events in the same order, never skipping one, with less
   * to send and parse (a rebuild reads every event). A store without it is read with `readAll`.
   */
  readAllProjected?(options?: ReadAllOptions): Promise<ProjectedEvent[]>;
  /** Catch-up then live, in global order, in batches; never skips an event. */
  subscribeToAll(handler: (batch: RecordedEvent[]) => Promise<void>, options?: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

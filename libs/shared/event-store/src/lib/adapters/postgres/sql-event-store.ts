import { canonicalJson, type EventMetadata, type RecordedEvent } from '@ledger/kernel';
import {
  ConcurrencyError,
  IdempotencyKeyReusedError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ProjectedEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../../port';
import { checkCount, checkInstant, seal, validateBatch, type SealedEvent } from '../../append-batch';
import { LiveSubscriptions } from '../../live-subscriptions';
import { sqlConstraint, sqlState, type SqlExecutor } from '../../sql/executor';
import { APPENDED_CHANNEL, MAX_EVENTS_PER_APPEND, POSITION_SHIFT, SCHEMA } from '../../sql/migrations';

/** The stream's last revision and its hash; null when the stream does not exist. */
type Head = { revision: number; hash: string } | null;

interface EventRow {
  stream_id: string;
  revision: number | string;
  global_position: string;
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface SqlEventStoreOptions {
  /** How often a live subscription looks for events when no notification came (ms). */
  pollIntervalMs?: number;
  /** How many stream heads this process remembers, so an append usually takes one statement. */
  headCacheSize?: number;
  /** The least time between two notifications of appends from this process (ms); appends between share one. */
  announceIntervalMs?: number;
}

const EVENT_COLUMNS = `stream_id, revision, global_position::text AS global_position, event_id::text AS id, type, data, metadata`;
/** A read model's columns: no id, hashes or command ids (a third of what a rebuild would otherwise parse). */
const PROJECTED_COLUMNS = `stream_id, revision, global_position::text AS global_position, type, data,
  jsonb_build_object('actor', metadata->'actor', 'recordedAt', metadata->'recordedAt') AS metadata`;

/**
 * Every reader of all events sees only events of transactions older than the oldest one still running,
 * and positions order as transactions took their ids (ADR 0002), so no reader ever skips an event.
 */
const VISIBLE = `e.global_position < (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << ${POSITION_SHIFT})`;

/**
 * One statement, one implicit transaction. Moving the head from the revision the hashes were computed from is
 * the check: the UPDATE locks the head's row and, after waiting for a concurrent append, matches only if the
 * revision is still the expected one; a new stream's head is inserted (a concurrent creator fails on the key).
 * The events are inserted only when the head moved, so nothing is written when it had moved meanwhile.
 * The batch comes as one jsonb array, parsed once: measured faster than columns as arrays (`jsonb[]` elements
 * are escaped into an array literal and parsed twice), and positions and revisions follow its order.
 */
/** The append of `rows` ($1 stream, $2 expected revision or null, $3 new revision, $4 new head hash): see above. */
function appendSql(rows: string): string {
  return `
WITH moved AS (
  UPDATE ${SCHEMA}.streams SET revision = $3, head_hash = $4
  WHERE $2::bigint IS NOT NULL AND stream_id = $1 AND revision = $2::bigint
  RETURNING 1
), created AS (
  INSERT INTO ${SCHEMA}.streams (stream_id, revision, head_hash)
  SELECT $1, $3, $4 WHERE $2::bigint IS NULL
  RETURNING 1
), appended AS (
  INSERT INTO ${SCHEMA}.events (global_position, stream_id, revision, event_id, type, data, metadata, recorded_at)
  ${rows}
  WHERE EXISTS (SELECT FROM moved) OR EXISTS (SELECT FROM created)
  RETURNING global_position
)
SELECT max(global_position)::text AS global_position FROM appended`;
}

const APPEND_SQL = appendSql(`SELECT (pg_current_xact_id()::text::bigint << ${POSITION_SHIFT}) + e.n - 1, $1, COALESCE($2::bigint, -1) + e.n,
         (e.value->>'id')::uuid, e.value->>'type', e.value->'data', e.value->'metadata', (e.value->>'recordedAt')::timestamptz
  FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS e(value, n)`);

/**
 * The commonest append, one event, with its columns as parameters: PostgreSQL parses its data and metadata once
 * each instead of parsing a batch and copying them out of it.
 */
const APPEND_ONE_SQL = appendSql(
  `SELECT pg_current_xact_id()::text::bigint << ${POSITION_SHIFT}, $1, COALESCE($2::bigint, -1) + 1, $5::uuid, $6, $7::jsonb, $8::jsonb, $9::timestamptz`,
);

/** The head and any events already stored under the batch's ids, in one round trip. */
const APPEND_STATE_SQL = `
SELECT 'head' AS kind, stream_id, revision, head_hash AS hash, NULL::text AS global_position, NULL::text AS id, NULL::text AS type, NULL::jsonb AS data
FROM ${SCHEMA}.streams WHERE stream_id = $1
UNION ALL
SELECT 'known', stream_id, revision, NULL, global_position::text, event_id::text, type, data
FROM ${SCHEMA}.events WHERE event_id IN (SELECT jsonb_array_elements_text($2::jsonb)::uuid)`;

/** Conflicts a fresh read of the head resolves: the head moved, or a concurrent writer stored the same ids. */
const RETRYABLE_CONSTRAINTS = new Set(['events_event_id_key', 'events_stream_revision_key', 'streams_pkey']);
const MAX_APPEND_ATTEMPTS = 50;
/** The store's SQL texts are few and fixed (readAll's vary only with the number of stream prefixes). */
const PREPARED = { prepare: true } as const;

export class SqlEventStore implements EventStore {
  readonly kind: 'pglite' | 'postgres';
  private readonly heads: HeadCache;
  private readonly subscriptions = new LiveSubscriptions();
  private readonly pollIntervalMs: number;
  private readonly announceIntervalMs: number;
  private announcing = false;
  private announceAgain = false;
  private announceTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    /** The store's database, for read models that keep their rows and checkpoint in it (one transaction). */
    readonly database: SqlExecutor,
    options: SqlEventStoreOptions = {},
  ) {
    this.kind = database.kind;
    this.pollIntervalMs = options.pollIntervalMs ?? (database.kind === 'pglite' ? 50 : 250);
    this.heads = new HeadCache(options.headCacheSize ?? 10_000);
    this.announceIntervalMs = options.announceIntervalMs ?? 10;
  }

  async appendToStream(streamId: string, events: EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const { expectedRevision } = options;
    const batch = validateBatch(streamId, events, expectedRevision, MAX_EVENTS_PER_APPEND);
    const ids = batch.map((event) => event.id);
    let head: Head | undefined = this.heads.get(streamId) ?? (expectedRevision === 'no_stream' ? null : undefined);
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      if (head === undefined || !satisfies(expectedRevision, head)) {
        const state = await this.appendState(streamId, ids);
        const replay = replayOf(streamId, batch, state.known);
        if (replay) return replay;
        head = state.head;
        if (!satisfies(expectedRevision, head)) throw new ConcurrencyError(streamId, expectedRevision, head?.revision ?? 'no_stream');
      }
      const sealed = seal(batch, head ?? undefined);
      const last = sealed[sealed.length - 1];
      const position = await this.tryAppend(streamId, head, sealed);
      if (position !== undefined) {
        this.heads.set(streamId, { revision: last.revision, hash: last.metadata.hash });
        this.announceAppend();
        return { streamId, revision: last.revision, globalPosition: position, written: true };
      }
      this.heads.delete(streamId);
      head = undefined;
    }
    throw new Error(`stream ${streamId}: the append kept meeting concurrent writers (${MAX_APPEND_ATTEMPTS} attempts)`);
  }

  /**
   * Tells subscribers, in this process and others, to look again: after the commit, outside the append's
   * transaction, so concurrent appends never queue on the notification lock, on a connection appends do not use,
   * and coalesced: an append is announced at once, the appends of the next `announceIntervalMs` in one more
   * notification at its end. A lost notification delays a subscriber by its polling interval, never more.
   */
  private announceAppend(): void {
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = true;
    this.database
      .notify(APPENDED_CHANNEL)
      .catch(() => undefined)
      .finally(() => {
        if (this.closing) return;
        this.announceTimer = setTimeout(() => {
          this.announceTimer = undefined;
          this.announcing = false;
          if (this.announceAgain) {
            this.announceAgain = false;
            this.announceAppend();
          }
        }, this.announceIntervalMs);
      });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const asOfPosition = options.asOf && 'position' in options.asOf ? checkPosition(options.asOf.position) : null;
    const asOfInstant = options.asOf && 'recordedAt' in options.asOf ? checkInstant(options.asOf.recordedAt) : null;
    const { rows } = await this.database.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${SCHEMA}.events
       WHERE stream_id = $1 AND ($2::bigint IS NULL OR revision ${backwards ? '<=' : '>='} $2::bigint)
         AND ($3::bigint IS NULL OR global_position <= $3::bigint) AND ($4::timestamptz IS NULL OR recorded_at <= $4::timestamptz)
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $5::bigint`,
      [streamId, options.fromRevision ?? null, asOfPosition, asOfInstant, checkCount(options.maxCount) ?? null],
      PREPARED,
    );
    const events = rows.map(toRecorded);
    const readToTheEnd = !backwards && asOfPosition === null && asOfInstant === null && (options.maxCount === undefined || events.length < options.maxCount);
    // A command reads its stream, then appends to it: the head it read spares the append a round trip. A head that
    // is stale by then costs what a stale cached head always costs: the append's revision check fails, and it asks.
    const last = events[events.length - 1];
    if (readToTheEnd && last !== undefined && typeof last.metadata.hash === 'string') this.heads.set(streamId, { revision: last.revision, hash: last.metadata.hash });
    return events;
  }

  async streamRevision(streamId: string): Promise<number | undefined> {
    const { rows } = await this.database.query<{ revision: number | string }>(`SELECT revision FROM ${SCHEMA}.streams WHERE stream_id = $1`, [streamId], PREPARED);
    return rows.length === 0 ? undefined : Number(rows[0].revision);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.selectAll<EventRow>(EVENT_COLUMNS, options)).map(toRecorded);
  }

  async readAllProjected(options: ReadAllOptions = {}): Promise<ProjectedEvent[]> {
    return (await this.selectAll<ProjectedRow>(PROJECTED_COLUMNS, options)).map(toProjected);
  }

  /** Every reader of all goes through here: the same bound (VISIBLE) and order whatever the columns. */
  private async selectAll<Row>(columns: string, options: ReadAllOptions): Promise<Row[]> {
    const params: unknown[] = [options.after === undefined ? '-1' : checkPosition(options.after), checkCount(options.maxCount) ?? null];
    const prefixes = options.streamPrefixes ?? [];
    let filter = '';
    if (options.streamPrefixes) {
      filter = prefixes.length === 0 ? 'AND false' : `AND (${prefixes.map((_, index) => `starts_with(e.stream_id, $${index + 3})`).join(' OR ')})`;
      params.push(...prefixes);
    }
    const { rows } = await this.database.query<Row>(
      // Ordered by the column, not by the text of the same name in the select list.
      `SELECT ${columns} FROM ${SCHEMA}.events AS e
       WHERE e.global_position > $1::bigint AND ${VISIBLE} ${filter}
       ORDER BY e.global_position LIMIT $2::bigint`,
      params,
      PREPARED,
    );
    return rows;
  }

  subscribeToAll(handler: (batch: RecordedEvent[]) => Promise<void>, options: SubscribeOptions = {}): Subscription {
    const batchSize = checkCount(options.batchSize ?? options.maxCount ?? 500) ?? 500;
    let checkpoint = options.after;
    let stopped = false;
    let notified = false;
    let wake: (() => void) | undefined;
    const onNotify = () => {
      notified = true;
      wake?.();
    };
    const run = async () => {
      // Without notifications (the LISTEN connection failed) the subscription still polls.
      const unlisten = await this.database.listen(APPENDED_CHANNEL, onNotify).catch(() => async () => undefined);
      try {
        while (!stopped) {
          notified = false;
          const batch = await this.readAll({ after: checkpoint, maxCount: batchSize, streamPrefixes: options.streamPrefixes });
          if (stopped) break;
          if (batch.length > 0) {
            await handler(batch);
            checkpoint = batch[batch.length - 1].globalPosition;
            continue;
          }
          if (notified) continue;
          // A notification only says "look again"; the timer covers a commit that made hidden events visible without one.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.pollIntervalMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
        }
      } finally {
        await unlisten().catch(() => undefined);
      }
    };
    const done = run();
    return this.subscriptions.track(done, () => {
      stopped = true;
      wake?.();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.announceTimer);
    await this.subscriptions.stopAll();
    await this.database.close();
  }

  private async appendState(streamId: string, ids: string[]): Promise<{ head: Head; known: KnownEvent[] }> {
    const { rows } = await this.database.query<{
      kind: 'head' | 'known';
      stream_id: string;
      revision: number | string;
      hash: string | null;
      global_position: string | null;
      id: string | null;
      type: string | null;
      data: unknown;
    }>(APPEND_STATE_SQL, [streamId, JSON.stringify(ids)], PREPARED);
    let head: Head = null;
    const known: KnownEvent[] = [];
    for (const row of rows) {
      if (row.kind === 'head') head = { revision: Number(row.revision), hash: row.hash ?? '' };
      else
        known.push({
          streamId: row.stream_id,
          revision: Number(row.revision),
          globalPosition: row.global_position ?? '',
          id: row.id ?? '',
          type: row.type ?? '',
          data: row.data,
        });
    }
    return { head, known };
  }

  /** The batch's last position, or undefined when a concurrent writer got there first. */
  private async tryAppend(streamId: string, head: Head, sealed: SealedEvent[]): Promise<string | undefined> {
    const last = sealed[sealed.length - 1];
    try {
      const columns = [streamId, head?.revision ?? null, last.revision, last.metadata.hash];
      const { rows } =
        sealed.length === 1
          ? await this.database.query<{ global_position: string | null }>(
              APPEND_ONE_SQL,
              [...columns, last.id, last.type, JSON.stringify(last.data), JSON.stringify(last.metadata), last.recordedAt],
              PREPARED,
            )
          : await this.database.query<{ global_position: string | null }>(APPEND_SQL, [...columns, JSON.stringify(sealed)], PREPARED);
      return rows[0]?.global_position ?? undefined;
    } catch (error) {
      if (sqlState(error) === '23505' && RETRYABLE_CONSTRAINTS.has(sqlConstraint(error) ?? '')) return undefined;
      throw error;
    }
  }
}

interface KnownEvent {
  streamId: string;
  revision: number;
  globalPosition: string;
  id: string;
  type: string;
  data: unknown;
}

function satisfies(expected: ExpectedRevision, head: Head): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return head === null;
    case 'exists':
      return head !== null;
    default:
      return head !== null && head.revision === expected;
  }
}

/** Spec section 2: a batch already stored as given is answered with its original result; anything else is refused. */
function replayOf(streamId: string, batch: EventToAppend[], known: KnownEvent[]): AppendResult | undefined {
  if (known.length === 0) return undefined;
  const byId = new Map(known.map((event) => [event.id, event]));
  for (const event of batch) {
    const stored = byId.get(event.id);
    if (!stored) continue;
    if (stored.streamId !== streamId) throw new IdempotencyKeyReusedError(event.id, `is already stored in stream ${stored.streamId}`);
    if (stored.type !== event.type || canonicalJson(stored.data) !== canonicalJson(event.data)) throw new IdempotencyKeyReusedError(event.id);
  }
  if (known.length < batch.length) {
    const fresh = batch.find((event) => !byId.has(event.id));
    throw new IdempotencyKeyReusedError(known[0].id, `is already stored but its append now also holds the new event ${fresh?.id}`);
  }
  const last = known.reduce((a, b) => (b.revision > a.revision ? b : a));
  return { streamId, revision: last.revision, globalPosition: last.globalPosition, written: false };
}

type ProjectedRow = Omit<EventRow, 'id' | 'metadata'> & { metadata: ProjectedEvent['metadata'] };

function toProjected(row: ProjectedRow): ProjectedEvent {
  return { streamId: row.stream_id, revision: Number(row.revision), globalPosition: row.global_position, type: row.type, data: row.data, metadata: row.metadata };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: Number(row.revision),
    globalPosition: row.global_position,
    id: row.id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  };
}

function checkPosition(position: string): string {
  if (typeof position !== 'string' || !/^(0|[1-9][0-9]{0,18})$/.test(position)) throw new TypeError(`not a global position: ${position}`);
  return position;
}

/** Least recently used first out; a wrong entry costs one failed statement and a re-read, never a wrong write. */
class HeadCache {
  private readonly entries = new Map<string, { revision: number; hash: string }>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): Head | undefined {
    const head = this.entries.get(streamId);
    if (head) {
      this.entries.delete(streamId);
      this.entries.set(streamId, head);
    }
    return head;
  }

  set(streamId: string, head: { revision: number; hash: string }): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, head);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}

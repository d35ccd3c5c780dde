import { EVENT_STORE_SCHEMA, type ProjectedEvent, type SqlQueryable, type StoreWithDatabase, type Subscription } from '@ledger/event-store';
import { ContractFolds, isContractEvent, type FoldedEvent } from './contract-folds';
import { DocumentCache, writeChanges, type DocumentChanges } from './document-cache';
import type { Projection } from './projection';
import { CHECKPOINTS, liveTable, readCheckpoint } from './read-model-tables';

export interface ProjectionFailure {
  globalPosition: string;
  streamId: string;
  revision: number;
  type: string;
  error: string;
  /** ISO instant of the first failure at this event. */
  since: string;
}

export interface ProjectionStatus {
  name: string;
  table: string;
  state: 'starting' | 'running' | 'failed' | 'stopped';
  position: string;
  failure?: ProjectionFailure;
}

export interface RunnerOptions {
  /** Each projection's table: one name (a runner of one projection), or a name per projection. Defaults to the live tables. */
  table?: string | ((projectionName: string) => string);
  batchSize?: number;
  /** How long a failed projection waits before it tries the same batch again (a fix may have been deployed or the data repaired). */
  retryMs?: number;
  log?: (line: string) => void;
  /** Tests: called after the batch's rows are written and before its checkpoints are. */
  beforeCheckpoint?: (batch: readonly ProjectedEvent[]) => void;
  /** Contract folds kept in memory between batches (default 10,000). */
  maxContracts?: number;
  /** Tests and rebuilds: the time an ISO instant of "now" is taken from. */
  now?: () => number;
  /** Read only what read models use (`readAllProjected`, where the store has it): less to send and parse. */
  narrowReads?: boolean;
  /**
   * False: a batch's commit does not wait for the disk (a crash may lose the last batches, each with its rows and
   * its checkpoint together). For shadow tables nobody reads until a rebuild swaps them in with a commit that does
   * wait, and so makes every batch before it durable. Default true.
   */
  durable?: boolean;
}

/** Another writer moved the checkpoint: this runner's view is stale and it must not apply the batch. */
export class CheckpointMovedError extends Error {
  override name = 'CheckpointMovedError';
}

/** Events folded between two turns of the event loop. */
const YIELD_EVERY = 64;

/** What a batch threw, with the event it threw at and, when one projection threw it, that projection. */
type BatchError = Error & { event?: ProjectedEvent; projection?: string };

interface Member {
  projection: Projection;
  table: string;
  /** The stored checkpoint as this runner last read or wrote it. */
  position: string;
  generation: number;
  docs: DocumentCache;
}

/** One batch folded and applied, its rows taken out of the caches, waiting for its transaction. */
interface AppliedBatch {
  batch: readonly ProjectedEvent[];
  last: string;
  writes: { member: Member; changes: DocumentChanges }[];
}

/**
 * Runs projections over the all-stream with one read of each batch and one fold of each contract shared by all
 * of them. Each projection keeps its own table and checkpoint; a batch's rows of every projection and their
 * checkpoints are written in one transaction that first locks the checkpoint rows and checks they still hold the
 * positions the batch follows, so a batch takes effect exactly once even if two runners ever overlap. A failing
 * event stops the projection at that event (reported by `statuses()` and the log); it tries again every
 * `retryMs` and never skips it. Live, a projection that fails is moved to a runner of its own (with its own
 * folds), so the others go on.
 */
export class ProjectionRunner {
  private members: Member[] | undefined;
  /** Every event up to here is in the folds; the members' checkpoints are here or ahead. */
  private position = '0';
  private readonly projections: Projection[];
  /** Every projection this runner was given, in order, with its table. */
  private readonly tables = new Map<string, string>();
  /** Each projection's checkpoint as last read or written, kept across a reset for `statuses()`. */
  private readonly positions = new Map<string, string>();
  private state: ProjectionStatus['state'] = 'starting';
  private readonly failures = new Map<string, ProjectionFailure>();
  private readonly folds: ContractFolds;
  private running: Promise<void> | undefined;
  /** The next batch, read while this one is applied: reading and folding overlap on PostgreSQL. */
  private prefetch: { after: string; batch: Promise<ProjectedEvent[]> } | undefined;
  /** A catch-up's last batch, being written while the next one is folded. */
  private writing: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private subscription: Subscription | undefined;
  /** Projections that failed live, each moved to a runner of its own. */
  private readonly detached: ProjectionRunner[] = [];
  private readonly options: Required<Omit<RunnerOptions, 'beforeCheckpoint' | 'maxContracts' | 'table'>> & Pick<RunnerOptions, 'beforeCheckpoint' | 'maxContracts'>;

  constructor(
    private readonly store: StoreWithDatabase,
    projections: Projection | readonly Projection[],
    options: RunnerOptions = {},
  ) {
    this.projections = Array.isArray(projections) ? [...projections] : [projections as Projection];
    if (this.projections.length === 0) throw new Error('a projection runner needs at least one projection');
    const table = options.table ?? liveTable;
    if (typeof table === 'string' && this.projections.length > 1) throw new Error('several projections need a table each: pass a function of the name');
    for (const projection of this.projections) this.tables.set(projection.name, typeof table === 'string' ? table : table(projection.name));
    this.folds = new ContractFolds(store, options.maxContracts);
    this.options = {
      batchSize: 5_000,
      retryMs: 5_000,
      durable: true,
      narrowReads: false,
      log: () => undefined,
      now: Date.now,
      ...options,
    };
  }

  /** Each projection's state, in the order given (a projection moved to a runner of its own included). */
  statuses(): ProjectionStatus[] {
    const moved = this.detached.flatMap((runner) => runner.statuses());
    return [...this.tables].map(([name, table]): ProjectionStatus => {
      const elsewhere = moved.find((status) => status.name === name);
      if (elsewhere) return elsewhere;
      const failure = this.failures.get(name);
      return { name, table, state: failure ? 'failed' : this.state, position: this.positions.get(name) ?? '0', ...(failure ? { failure } : {}) };
    });
  }

  /** Applies one batch if there is one; answers the number of events applied (0: caught up). Throws what the batch threw. */
  async step(): Promise<number> {
    const applied = await this.next();
    if (applied === undefined) return 0;
    await this.write(applied);
    return applied.batch.length;
  }

  /** Applies batches until none is left (a rebuild, a test), each written while the next is folded; throws at the first failure. */
  async catchUp(onProgress?: (applied: number, position: string) => void): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        let applied: AppliedBatch | undefined;
        try {
          applied = await this.next();
        } catch (error) {
          // A failed write of the batch before explains a failure folding this one (its reset dropped the folds).
          await this.settle();
          throw error;
        }
        if (applied === undefined) {
          if (this.writing === undefined) return total;
          // The write in flight may have hidden newer events from the read (ADR 0002): look once more after it.
          await this.settle();
          continue;
        }
        await this.settle();
        const last = applied.last;
        this.writing = this.write(applied).then(() => onProgress?.((total += applied.batch.length), last));
        // Awaited by the next round; a failure meanwhile must not count as unhandled.
        this.writing.catch(() => undefined);
      }
    } finally {
      await this.settle().catch(() => undefined);
    }
  }

  private async settle(): Promise<void> {
    const writing = this.writing;
    this.writing = undefined;
    await writing;
  }

  /** Reads, folds and applies the next batch; undefined when there is none. */
  private async next(): Promise<AppliedBatch | undefined> {
    const members = await this.loadCheckpoints();
    const prefetched = this.prefetch?.after === this.position ? this.prefetch.batch : undefined;
    this.prefetch = undefined;
    const batch = await (prefetched ?? this.read(this.position));
    if (batch.length === 0) return undefined;
    const last = batch[batch.length - 1].globalPosition;
    this.readAhead(last);
    return this.apply(members, batch, last);
  }

  private async loadCheckpoints(): Promise<Member[]> {
    if (this.members === undefined) {
      const database = this.store.database;
      const tables = this.projections.map((projection) => this.tableOf(projection));
      // Every checkpoint row exists before the first batch, so a batch's transaction only locks them.
      await database.query(`INSERT INTO ${CHECKPOINTS} (name, position) SELECT unnest($1::text[]), '0' ON CONFLICT (name) DO NOTHING`, [tables]);
      const members: Member[] = [];
      for (const projection of this.projections) {
        const table = this.tableOf(projection);
        const { position, generation } = await readCheckpoint(database, table);
        members.push({ projection, table, position, generation, docs: new DocumentCache(table, position === '0' && (await isEmpty(database, table))) });
        this.positions.set(projection.name, position);
      }
      // The folds start at the earliest checkpoint; a projection ahead of it takes only the events after its own.
      this.position = members.map((member) => member.position).reduce((a, b) => (BigInt(b) < BigInt(a) ? b : a));
      this.members = members;
    }
    return this.members;
  }

  /** Folds and applies one batch outside any transaction, and takes its rows out of the caches as text. */
  private async apply(members: readonly Member[], batch: readonly ProjectedEvent[], last: string): Promise<AppliedBatch> {
    const database = this.store.database;
    let current: ProjectedEvent | undefined;
    let projection: string | undefined;
    try {
      await this.folds.prepare(batch);
      // Applied before the transaction opens: a writing transaction hides every event appended after it from
      // readers of all until it ends (ADR 0002), so it holds only the writes. The checkpoints' locks decide
      // whether they count.
      const takers = members.map((member) => ({ member, from: firstAfter(batch, member.position), context: { client: database, docs: member.docs } }));
      for (let index = 0; index < batch.length; index++) {
        // Folding never waits on I/O by itself: without a turn of the event loop now and then, the write of the
        // batch before and the read of the next one would not move until this batch is done.
        if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
        const event = batch[index];
        if (!isContractEvent(event)) continue;
        current = event;
        const folded: FoldedEvent = this.folds.fold(event);
        for (const taker of takers) {
          if (index < taker.from) continue;
          projection = taker.member.projection.name;
          await taker.member.projection.apply(folded, taker.context);
          projection = undefined;
        }
      }
      const writes = takers.filter((taker) => taker.from < batch.length).map(({ member }) => ({ member, changes: member.docs.takeChanges() }));
      this.folds.trim();
      this.position = last;
      return { batch, last, writes };
    } catch (error) {
      this.reset();
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { event: current, projection }) as BatchError;
    }
  }

  /** One batch's rows and checkpoints, in one transaction. */
  private async write({ batch, last, writes }: AppliedBatch): Promise<void> {
    try {
      if (writes.length > 0) {
        await this.store.database.transaction(async (client) => {
          if (!this.options.durable) await client.query(`SET LOCAL synchronous_commit = off`);
          await this.lockCheckpoints(
            client,
            writes.map(({ member }) => member),
          );
          for (const { changes } of writes) await writeChanges(client, changes);
          this.options.beforeCheckpoint?.(batch);
          await client.query(`UPDATE ${CHECKPOINTS} SET position = $2, updated_at = now() WHERE name = ANY($1::text[])`, [writes.map(({ member }) => member.table), last]);
        });
      }
      for (const { member } of writes) {
        member.position = last;
        this.positions.set(member.projection.name, last);
        this.failures.delete(member.projection.name);
      }
    } catch (error) {
      this.reset();
      throw error;
    }
  }

  /** After a failure: every cache and fold is dropped, and the checkpoints are read again before the next batch. */
  private reset(): void {
    for (const member of this.members ?? []) member.docs.discard();
    this.members = undefined;
    this.folds.clear();
    this.prefetch = undefined;
  }

  private read(after: string): Promise<ProjectedEvent[]> {
    const options = { after, maxCount: this.options.batchSize };
    return this.options.narrowReads && this.store.readAllProjected ? this.store.readAllProjected(options) : this.store.readAll(options);
  }

  private readAhead(after: string): void {
    const read = () => this.read(after);
    // A failed read ahead is tried once more; a second failure is thrown by the step that awaits it.
    const batch = read().catch(read);
    // Handled there, or never needed (the runner stopped, or moved elsewhere): not an unhandled rejection.
    batch.catch(() => undefined);
    this.prefetch = { after, batch };
  }

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.subscription?.stop();
    await this.running;
    await Promise.all(this.detached.map((runner) => runner.stop()));
    this.running = undefined;
    this.state = 'stopped';
  }

  /**
   * Live, the runner is driven by the store's subscription to all (catch-up, then live: LISTEN/NOTIFY on PostgreSQL,
   * a catch-up subscription to `$all` on EventStoreDB), from its checkpoints; a failed batch ends the subscription,
   * and after the retry delay it subscribes again from the checkpoints as stored, so no event is skipped or applied twice.
   */
  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.loadCheckpoints();
        this.state = 'running';
        const subscription = this.store.subscribeToAll(
          async (batch) => {
            if (this.stopped) return;
            const members = await this.loadCheckpoints();
            await this.write(await this.apply(members, batch, batch[batch.length - 1].globalPosition));
            this.state = 'running';
          },
          { after: this.position, batchSize: this.options.batchSize },
        );
        this.subscription = subscription;
        // stop() may have come while the checkpoints were read, before there was a subscription for it to end.
        if (this.stopped) await subscription.stop();
        await subscription.done;
      } catch (error) {
        if (this.stopped) break;
        this.reportFailure(error);
        if (error instanceof CheckpointMovedError) continue;
        // The others go on at once; the one that failed retries on its own, with its own folds.
        if (this.detach((error as BatchError).projection)) continue;
        await this.sleep(this.options.retryMs);
      } finally {
        this.subscription = undefined;
      }
    }
  }

  private detach(name: string | undefined): boolean {
    const projection = this.projections.find((candidate) => candidate.name === name);
    if (projection === undefined || this.projections.length === 1) return false;
    const runner = new ProjectionRunner(this.store, projection, { ...this.options, table: this.tableOf(projection) });
    const failure = this.failures.get(projection.name);
    if (failure) runner.failures.set(projection.name, failure);
    this.projections.splice(this.projections.indexOf(projection), 1);
    this.failures.delete(projection.name);
    this.detached.push(runner);
    this.options.log(`projection ${projection.name}: runs on its own (its own reads and folds) until the worker restarts`);
    runner.start();
    return true;
  }

  private reportFailure(error: unknown): void {
    const { event, projection } = error as BatchError;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof CheckpointMovedError) {
      this.options.log(`projections ${this.projections.map((p) => p.name).join(', ')}: ${message}; re-reading the checkpoints`);
      return;
    }
    const failed = projection === undefined ? this.projections.map((p) => p.name) : [projection];
    for (const name of failed) {
      const known = this.failures.get(name);
      const same = known && event && known.globalPosition === event.globalPosition && known.error === message;
      if (!same) {
        this.failures.set(name, {
          globalPosition: event?.globalPosition ?? this.position,
          streamId: event?.streamId ?? '',
          revision: event?.revision ?? -1,
          type: event?.type ?? '',
          error: message,
          since: new Date(this.options.now()).toISOString(),
        });
      }
      this.options.log(
        `projection ${name} stopped at ${event ? `${event.streamId} revision ${event.revision} (${event.type}, position ${event.globalPosition})` : `position ${this.position}`}: ${message}; retrying in ${this.options.retryMs} ms`,
      );
    }
  }

  private async lockCheckpoints(client: SqlQueryable, members: readonly Member[]): Promise<void> {
    const tables = members.map((member) => member.table);
    // A row gone since the runner read it (a rebuild's shadow swapped in) reads as moved.
    // Locked in name order, as a rebuild's swap locks them: two transactions never wait for each other in a circle.
    const { rows } = await client.query<{ name: string; position: string; generation: number }>(
      `SELECT name, position, generation FROM ${CHECKPOINTS} WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE`,
      [tables],
    );
    for (const member of members) {
      const stored = rows.find((row) => row.name === member.table);
      const generation = Number(stored?.generation ?? 0);
      if (stored?.position !== member.position || generation !== member.generation) {
        throw new CheckpointMovedError(
          `checkpoint of ${member.table} is at ${stored?.position} (generation ${generation}), this runner expected ${member.position} (generation ${member.generation})`,
        );
      }
    }
  }

  private tableOf(projection: Projection): string {
    return this.tables.get(projection.name) as string;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).then(() => {
      this.wake = undefined;
    });
  }
}

/** The index of the first event after a projection's checkpoint (0 unless it is ahead of the folds). */
function firstAfter(batch: readonly ProjectedEvent[], position: string): number {
  if (batch.length === 0 || BigInt(batch[0].globalPosition) > BigInt(position)) return 0;
  const checkpoint = BigInt(position);
  const index = batch.findIndex((event) => BigInt(event.globalPosition) > checkpoint);
  return index === -1 ? batch.length : index;
}

async function isEmpty(database: SqlQueryable, table: string): Promise<boolean> {
  const { rows } = await database.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS any`);
  return rows[0]?.any !== true;
}

/** At most this many events are counted as a lag where the events are not in SQL (EventStoreDB): /health stays cheap. */
const LAG_COUNT_LIMIT = 1_000;

/** How many events the all-stream holds after a position: a projection's lag. */
export async function eventsAfter(store: StoreWithDatabase, position: string): Promise<number> {
  if (store.kind !== 'pglite' && store.kind !== 'postgres') return (await store.readAll({ after: position, maxCount: LAG_COUNT_LIMIT })).length;
  const { rows } = await store.database.query<{ count: string | number }>(`SELECT count(*) AS count FROM ${EVENT_STORE_SCHEMA}.events WHERE global_position > $1::bigint`, [position]);
  return Number(rows[0]?.count ?? 0);
}

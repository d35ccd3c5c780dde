import { EVENT_STORE_SCHEMA, type SqlQueryable, type StoreWithDatabase, type Subscription } from '@ledger/event-store';
import type { RecordedEvent } from '@ledger/kernel';
import { ContractFolds } from './contract-folds';
import { DocumentCache } from './document-cache';
import type { Projection } from './projection';
import { CHECKPOINTS, readCheckpoint } from './read-model-tables';

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
  /** Defaults to the projection's live table. */
  table: string;
  batchSize?: number;
  /** How long a failed projection waits before it tries the same batch again (a fix may have been deployed or the data repaired). */
  retryMs?: number;
  log?: (line: string) => void;
  /** Tests: called after the batch's rows are written and before its checkpoint is. */
  beforeCheckpoint?: (batch: readonly RecordedEvent[]) => void;
  /** Contract folds kept in memory between batches (default 10,000). */
  maxContracts?: number;
  /** Tests and rebuilds: the time an ISO instant of "now" is taken from. */
  now?: () => number;
}

/** Another writer moved the checkpoint: this runner's view is stale and it must not apply the batch. */
export class CheckpointMovedError extends Error {
  override name = 'CheckpointMovedError';
}

/**
 * Runs one projection over the all-stream: each batch's documents and its checkpoint are written in one
 * transaction that first locks the checkpoint row and checks it still holds the position the batch follows,
 * so a batch takes effect exactly once even if two runners ever overlap. A failing event stops the projection
 * at that event (reported by `status()` and the log); it tries again every `retryMs` and never skips it.
 */
export class ProjectionRunner {
  private position = '0';
  private generation = 0;
  private state: ProjectionStatus['state'] = 'starting';
  private failure: ProjectionFailure | undefined;
  private docs: DocumentCache | undefined;
  private readonly folds: ContractFolds;
  private running: Promise<void> | undefined;
  /** The next batch, read while this one is applied: reading and folding overlap on PostgreSQL. */
  private prefetch: { after: string; batch: Promise<RecordedEvent[]> } | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private subscription: Subscription | undefined;
  private readonly options: Required<Omit<RunnerOptions, 'beforeCheckpoint' | 'maxContracts'>> & Pick<RunnerOptions, 'beforeCheckpoint'>;

  constructor(
    private readonly store: StoreWithDatabase,
    readonly projection: Projection,
    options: RunnerOptions,
  ) {
    this.folds = new ContractFolds(store, options.maxContracts);
    this.options = {
      batchSize: 5_000,
      retryMs: 5_000,
      log: () => undefined,
      now: Date.now,
      ...options,
    };
  }

  status(): ProjectionStatus {
    return {
      name: this.projection.name,
      table: this.options.table,
      state: this.state,
      position: this.position,
      ...(this.failure ? { failure: this.failure } : {}),
    };
  }

  /** Applies one batch if there is one; answers the number of events applied (0: caught up). Throws what the batch threw. */
  async step(): Promise<number> {
    await this.loadCheckpoint();
    const prefetched = this.prefetch?.after === this.position ? this.prefetch.batch : undefined;
    this.prefetch = undefined;
    const batch = await (prefetched ?? this.store.readAll({ after: this.position, maxCount: this.options.batchSize }));
    if (batch.length === 0) return 0;
    this.readAhead(batch[batch.length - 1].globalPosition);
    return this.apply(batch);
  }

  private async loadCheckpoint(): Promise<DocumentCache> {
    if (this.docs === undefined) {
      const database = this.store.database;
      ({ position: this.position, generation: this.generation } = await readCheckpoint(database, this.options.table));
      this.docs = new DocumentCache(this.options.table, this.position === '0' && (await isEmpty(database, this.options.table)));
    }
    return this.docs;
  }

  /** One batch's rows and its checkpoint, in one transaction; throws what the batch threw, naming its event. */
  private async apply(batch: RecordedEvent[]): Promise<number> {
    const database = this.store.database;
    const docs = await this.loadCheckpoint();
    let current: RecordedEvent | undefined;
    try {
      await this.folds.prepare(batch);
      const last = batch[batch.length - 1].globalPosition;
      // Applied before the transaction opens: a writing transaction hides every event appended after it from
      // readers of all until it ends (ADR 0002), so it holds only the writes. The checkpoint's lock decides
      // whether they count.
      for (const event of batch) {
        current = event;
        await this.projection.apply(event, { client: database, docs, folds: this.folds });
      }
      current = undefined;
      await database.transaction(async (client) => {
        await this.lockCheckpoint(client);
        await docs.flush(client);
        this.options.beforeCheckpoint?.(batch);
        await client.query(
          `INSERT INTO ${CHECKPOINTS} (name, position, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
          [this.options.table, last],
        );
      });
      docs.committed();
      this.folds.trim();
      this.position = last;
      this.failure = undefined;
      return batch.length;
    } catch (error) {
      docs.discard();
      this.folds.clear();
      // The runner re-reads its checkpoint before the next batch: another runner may have moved it.
      this.docs = undefined;
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { event: current });
    }
  }

  private readAhead(after: string): void {
    const read = () => this.store.readAll({ after, maxCount: this.options.batchSize });
    // A failed read ahead is tried once more; a second failure is thrown by the step that awaits it.
    const batch = read().catch(read);
    // Handled there, or never needed (the runner stopped, or moved elsewhere): not an unhandled rejection.
    batch.catch(() => undefined);
    this.prefetch = { after, batch };
  }

  /** Applies batches until none is left (a rebuild, a test); throws at the first failure. */
  async catchUp(onProgress?: (applied: number, position: string) => void): Promise<number> {
    let total = 0;
    for (;;) {
      const applied = await this.step();
      if (applied === 0) return total;
      total += applied;
      onProgress?.(total, this.position);
    }
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
    this.running = undefined;
    this.state = 'stopped';
  }

  /**
   * Live, the runner is driven by the store's subscription to all (catch-up, then live: LISTEN/NOTIFY on PostgreSQL,
   * a catch-up subscription to `$all` on EventStoreDB), from its checkpoint; a failed batch ends the subscription, and
   * after the retry delay it subscribes again from the checkpoint as stored, so no event is skipped or applied twice.
   */
  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.loadCheckpoint();
        this.state = 'running';
        const subscription = this.store.subscribeToAll(
          async (batch) => {
            if (this.stopped) return;
            await this.apply(batch);
            this.state = 'running';
          },
          { after: this.position, batchSize: this.options.batchSize },
        );
        this.subscription = subscription;
        await subscription.done;
      } catch (error) {
        if (this.stopped) break;
        this.reportFailure(error);
        // A moved checkpoint (a rebuild swapped in, another runner) is no failure: go on from where it is now.
        if (!(error instanceof CheckpointMovedError)) await this.sleep(this.options.retryMs);
      } finally {
        this.subscription = undefined;
      }
    }
  }

  private reportFailure(error: unknown): void {
    const event = (error as { event?: RecordedEvent }).event;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof CheckpointMovedError) {
      this.options.log(`projection ${this.projection.name}: ${message}; re-reading the checkpoint`);
      return;
    }
    const same = this.failure && event && this.failure.globalPosition === event.globalPosition && this.failure.error === message;
    this.state = 'failed';
    if (!same) {
      this.failure = {
        globalPosition: event?.globalPosition ?? this.position,
        streamId: event?.streamId ?? '',
        revision: event?.revision ?? -1,
        type: event?.type ?? '',
        error: message,
        since: new Date(this.options.now()).toISOString(),
      };
    }
    this.options.log(
      `projection ${this.projection.name} stopped at ${event ? `${event.streamId} revision ${event.revision} (${event.type}, position ${event.globalPosition})` : `position ${this.position}`}: ${message}; retrying in ${this.options.retryMs} ms`,
    );
  }

  private async lockCheckpoint(client: SqlQueryable): Promise<void> {
    await client.query(`INSERT INTO ${CHECKPOINTS} (name, position) VALUES ($1, '0') ON CONFLICT (name) DO NOTHING`, [this.options.table]);
    const stored = await readCheckpoint(client, this.options.table, true);
    if (stored.position !== this.position || stored.generation !== this.generation) {
      throw new CheckpointMovedError(
        `checkpoint of ${this.options.table} is at ${stored.position} (generation ${stored.generation}), this runner expected ${this.position} (generation ${this.generation})`,
      );
    }
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

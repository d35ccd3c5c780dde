import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions, SubscribeOptions, Subscription } from './port';
import type { SqlExecutor } from './sql/executor';
import type { RecordedEvent } from '@ledger/kernel';

/** A store that also has a SQL database for read models, checkpoints and idempotency keys (ADR 0005). */
export interface StoreWithDatabase extends EventStore {
  readonly database: SqlExecutor;
}

/** The SQL database that read models live in, when the store has one (SQL stores, or events kept elsewhere beside PostgreSQL). */
export function sqlDatabaseOf(store: EventStore): SqlExecutor | undefined {
  return hasSqlDatabase(store) ? store.database : undefined;
}

export function hasSqlDatabase(store: EventStore): store is StoreWithDatabase {
  const database = (store as Partial<StoreWithDatabase>).database;
  return typeof database === 'object' && database !== null && typeof database.transaction === 'function';
}

/**
 * Events from one store (EventStoreDB) and read models in the SQL database of another (PostgreSQL): the issue 8
 * split. `kind` is the events' store; closing closes both.
 */
export class EventsWithSqlDatabase implements StoreWithDatabase {
  readonly kind: string;
  readonly database: SqlExecutor;

  constructor(
    readonly events: EventStore,
    private readonly readModels: { readonly database: SqlExecutor; close(): Promise<void> },
  ) {
    this.kind = events.kind;
    this.database = readModels.database;
  }

  appendToStream(streamId: string, events: EventToAppend[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    return this.events.appendToStream(streamId, events, options);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.events.readStream(streamId, options);
  }

  streamRevision(streamId: string): Promise<number | undefined> {
    return this.events.streamRevision(streamId);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.events.readAll(options);
  }

  subscribeToAll(handler: (batch: RecordedEvent[]) => Promise<void>, options?: SubscribeOptions): Subscription {
    return this.events.subscribeToAll(handler, options);
  }

  async close(): Promise<void> {
    const closed = await Promise.allSettled([this.events.close(), this.readModels.close()]);
    const failed = closed.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { EventStore } from '@ledger/event-store';

/** Injection token of the one `EventStore` of the process. */
export const EVENT_STORE = 'EventStore';

/** Closing the store at shutdown releases the PGlite lock on the data folder (or the PostgreSQL pool). */
@Injectable()
export class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The store is opened before Nest starts, so that a busy data folder is reported plainly rather than as a DI failure. */
export function eventStoreProviders(store: EventStore): Provider[] {
  return [{ provide: EVENT_STORE, useValue: store }, EventStoreCloser];
}

import { EventsWithSqlDatabase, openEsdbEventStore, openEventStore, type StoreWithDatabase } from '@ledger/event-store';
import type { StoreConfig } from '../config/app-config';

/**
 * Opens the configured store. With `esdb` the events live on EventStoreDB and PostgreSQL (migrated as for the
 * postgres store; its events tables stay empty) holds the read models, their checkpoints and idempotency keys.
 */
export async function openConfiguredStore(config: StoreConfig): Promise<StoreWithDatabase> {
  if (config.kind !== 'esdb') return openEventStore(config);
  const readModels = await openEventStore({ kind: 'postgres', connectionString: config.databaseUrl });
  try {
    return new EventsWithSqlDatabase(openEsdbEventStore(config.connectionString), readModels);
  } catch (error) {
    await readModels.close();
    throw error;
  }
}

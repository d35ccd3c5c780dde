export * from './lib/port';
export * from './lib/verify-chain';
export * from './lib/store-lock';
export * from './lib/open-event-store';
export { SqlEventStore, type SqlEventStoreOptions } from './lib/adapters/postgres/sql-event-store';
export type { SqlExecutor, SqlQueryable, TransactionOptions } from './lib/sql/executor';
export { APP_ROLE, SCHEMA as EVENT_STORE_SCHEMA, MAX_EVENTS_PER_APPEND, MIGRATIONS, migrate, type Migration } from './lib/sql/migrations';
export { EventsWithSqlDatabase, hasSqlDatabase, sqlDatabaseOf, type StoreWithDatabase } from './lib/with-read-models';
export { EsdbEventStore, openEsdbEventStore, startEsdbStandIn, type EsdbEventStoreOptions, type EsdbStandIn, type EsdbStandInOptions } from './lib/esdb';

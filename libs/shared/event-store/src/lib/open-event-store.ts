import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { SqlEventStore, type SqlEventStoreOptions } from './adapters/postgres/sql-event-store';
import { APP_ROLE, migrate } from './sql/migrations';
import { PGliteExecutor } from './sql/pglite-executor';
import { PostgresExecutor } from './sql/postgres-executor';
import { acquireStoreLock } from './store-lock';

export type OpenEventStoreOptions = SqlEventStoreOptions &
  (
    | {
        kind: 'pglite';
        /** The data folder (PGlite's files go in its `pglite/` folder); undefined keeps the store in memory. */
        dataDir?: string;
      }
    | { kind: 'postgres'; connectionString: string; poolSize?: number }
  );

/** Opens a store, applying its migrations with the connection as given, then working as the application role. */
export async function openEventStore(options: OpenEventStoreOptions): Promise<SqlEventStore> {
  if (options.kind === 'postgres') {
    const owner = new Client({ connectionString: options.connectionString });
    await owner.connect();
    try {
      await migrate({
        exec: (sql) => owner.query(sql),
        query: async <Row>(sql: string, params?: unknown[]) => ({ rows: (await owner.query(sql, params)).rows as Row[] }),
      });
    } finally {
      await owner.end();
    }
    return new SqlEventStore(new PostgresExecutor(options.connectionString, options.poolSize), options);
  }

  const lock = options.dataDir === undefined ? undefined : lockFolder(options.dataDir);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(options.dataDir === undefined ? undefined : path.join(options.dataDir, 'pglite'));
    const embedded = db;
    await migrate({ exec: (sql) => embedded.exec(sql), query: (sql, params) => embedded.query(sql, params) });
    await embedded.exec(`SET ROLE ${APP_ROLE}`);
    return new SqlEventStore(new PGliteExecutor(embedded, async () => lock?.release()), options);
  } catch (error) {
    await db?.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
}

function lockFolder(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  return acquireStoreLock(dataDir);
}

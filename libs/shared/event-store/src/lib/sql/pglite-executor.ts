import type { PGlite } from '@electric-sql/pglite';
import type { SqlExecutor, SqlQueryable, TransactionOptions } from './executor';

/** PGlite: one embedded connection, already switched to the application role by the factory. */
export class PGliteExecutor implements SqlExecutor {
  readonly kind = 'pglite' as const;

  constructor(private readonly db: PGlite, private readonly onClose: () => Promise<void> = async () => undefined) {}

  async query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }> {
    const result = await this.db.query<Row>(sql, params);
    return { rows: result.rows };
  }

  transaction<T>(work: (client: SqlQueryable) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.db.transaction(async (tx) => {
      if (options?.role === 'owner') await tx.query('SET LOCAL ROLE NONE');
      return work({
        async query<Row>(sql: string, params?: unknown[]) {
          const result = await tx.query<Row>(sql, params);
          return { rows: result.rows };
        },
      });
    });
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const unlisten = await this.db.listen(channel, () => onNotify());
    return async () => {
      if (!this.db.closed) await unlisten();
    };
  }

  async notify(channel: string): Promise<void> {
    // One embedded connection: the NOTIFY queues behind the statements already sent, as any query does.
    await this.db.query('SELECT pg_notify($1, $2)', [channel, '']);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
    await this.onClose();
  }
}

/**
 * The few calls the event store makes of a SQL database, so one set of SQL serves node-postgres and PGlite.
 * Read models live in the same database: they use `transaction` to write their rows and checkpoint atomically.
 */
export interface QueryOptions {
  /**
   * Parse and plan once per connection (a named statement on PostgreSQL). Only for a fixed set of SQL texts,
   * such as the store's own: each text stays prepared on every connection for the connection's life.
   */
  prepare?: boolean;
}

export interface SqlQueryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }>;
}

export interface TransactionOptions {
  /**
   * Store connections run as the application role (`ledger_app`: SELECT and INSERT on the event tables).
   * `owner` runs the transaction as the role the store was opened with, for a read model's own DDL.
   */
  role?: 'app' | 'owner';
}

export interface SqlExecutor extends SqlQueryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(work: (client: SqlQueryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Calls `onNotify` on each NOTIFY of `channel` until the returned function is called. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /**
   * Sends a NOTIFY of `channel` outside any transaction of the caller's and without waiting for the disk: a
   * wake-up, never a record. Must not hold a connection appends need.
   */
  notify(channel: string): Promise<void>;
  close(): Promise<void>;
}

/** A SQLSTATE carried by both drivers' errors. */
export function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function sqlConstraint(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'constraint' in error && typeof error.constraint === 'string'
    ? error.constraint
    : undefined;
}

import { createHash } from 'node:crypto';
import { Client, Pool, type PoolClient } from 'pg';
import type { QueryOptions, SqlExecutor, SqlQueryable, TransactionOptions } from './executor';
import { APP_ROLE } from './migrations';

/** How the connection that announces appends shows in `pg_stat_activity`. */
export const NOTIFIER_NAME = 'event_store_notify';

/**
 * node-postgres: a pool whose connections are the application role from their start, so an append is one
 * statement with no role switch, and one dedicated client for LISTEN.
 */
export class PostgresExecutor implements SqlExecutor {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private listener: Promise<Client> | undefined;
  private notifier: Promise<Client> | undefined;
  private closed = false;
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(private readonly connectionString: string, poolSize = 10) {
    // The role is a startup parameter: no connection ever runs a query as the owner.
    this.pool = new Pool({ connectionString, max: poolSize, options: `-c role=${APP_ROLE}` });
    // An idle client's error (e.g. the server restarting) must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
    // A terminated backend is also emitted as 'error' on its client, idle or checked out, in windows the pool does
    // not cover; unheard, it would end the process. The query under way still rejects on its own.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }> {
    const result = await this.pool.query({ text: sql, values: params, name: options?.prepare ? statementName(sql) : undefined });
    return { rows: result.rows as Row[] };
  }

  async transaction<T>(work: (client: SqlQueryable) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    // A checked-out client's lost connection (a terminated backend) is emitted as 'error' on the client, which
    // would crash the process unless heard; the query under way rejects on its own and the client is discarded.
    const lost = () => {
      broken = true;
    };
    client.on('error', lost);
    try {
      await client.query(options?.role === 'owner' ? 'BEGIN; SET LOCAL ROLE NONE' : 'BEGIN');
      const result = await work(wrap(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    let callbacks = this.listeners.get(channel);
    const client = await this.listenerClient();
    if (!callbacks) {
      callbacks = new Set();
      this.listeners.set(channel, callbacks);
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    }
    callbacks.add(onNotify);
    return async () => {
      callbacks.delete(onNotify);
    };
  }

  async notify(channel: string): Promise<void> {
    if (this.closed) return;
    const connection = this.notifierClient();
    const client = await connection;
    try {
      await client.query({ name: 'event_store_notify', text: 'SELECT pg_notify($1, $2)', values: [channel, ''] });
    } catch (error) {
      // Whatever failed (a terminated backend, a closed connection), the next notification starts a new connection.
      if (this.notifier === connection) this.notifier = undefined;
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const connections = [this.listener, this.notifier];
    this.listener = undefined;
    this.notifier = undefined;
    for (const connection of connections) if (connection) await connection.then((client) => client.end()).catch(() => undefined);
    await this.pool.end();
  }

  /**
   * A connection of its own, so an announcement never takes a pooled connection from an append (with a pool
   * of one, every append used to wait for the previous one's NOTIFY), and asynchronous commits, since a NOTIFY
   * writes nothing that must survive a crash.
   */
  private notifierClient(): Promise<Client> {
    if (!this.notifier) {
      const client = new Client({
        connectionString: this.connectionString,
        application_name: NOTIFIER_NAME,
        options: `-c role=${APP_ROLE} -c synchronous_commit=off`,
      });
      // A lost connection is replaced at the next notification; a lost notification only delays a subscriber.
      client.on('error', () => {
        if (this.notifier === connecting) this.notifier = undefined;
      });
      const connecting = client.connect().then(
        () => client,
        (error: unknown) => {
          if (this.notifier === connecting) this.notifier = undefined;
          throw error;
        },
      );
      this.notifier = connecting;
    }
    return this.notifier;
  }

  private listenerClient(): Promise<Client> {
    if (!this.listener) {
      const client = new Client({ connectionString: this.connectionString });
      client.on('notification', (message) => {
        for (const callback of this.listeners.get(message.channel) ?? []) callback();
      });
      // A lost LISTEN connection only slows subscriptions down to their polling interval.
      client.on('error', () => {
        this.listener = undefined;
        this.listeners.clear();
      });
      this.listener = client.connect().then(() => client);
    }
    return this.listener;
  }
}

function wrap(client: PoolClient): SqlQueryable {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params);
      return { rows: result.rows as Row[] };
    },
  };
}

/** A prepared text's name, the same on every connection. */
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `event_store_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    statementNames.set(sql, name);
  }
  return name;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

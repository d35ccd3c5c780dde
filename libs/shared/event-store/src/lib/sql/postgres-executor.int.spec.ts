import { Client, type Pool } from 'pg';
import { createTestDatabase, postgresTestUrl, type TestDatabase } from '@ledger/testing';
import { PostgresExecutor } from './postgres-executor';
import { migrate } from './migrations';

const url = postgresTestUrl('PostgresExecutor: a terminated backend of a checked-out client');

(url ? describe : describe.skip)('PostgresExecutor on PostgreSQL', () => {
  let database: TestDatabase;
  let admin: Client;

  beforeAll(async () => {
    database = await createTestDatabase(url as string);
    admin = new Client({ connectionString: database.url });
    await admin.connect();
    await migrate({ exec: async (sql) => void (await admin.query(sql)), query: async <Row,>(sql: string, params?: unknown[]) => ({ rows: (await admin.query(sql, params)).rows as Row[] }) });
  });
  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  it('a pooled client whose backend is terminated between its statements reports it as an error heard, not a crash', async () => {
    const executor = new PostgresExecutor(database.url, 1);
    // A client held between two statements: no query under way to reject, no idle listener of the pool's.
    const client = await (executor as unknown as { pool: Pool }).pool.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const heard = new Promise<void>((resolve) => client.once('end', resolve));
      const noEnd = new Promise<void>((_resolve, reject) => setTimeout(() => reject(new Error('the connection did not end within 5 s')), 5_000).unref());
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      // Unheard, the client's 'error' is thrown from the socket's callback: an uncaught exception fails this test.
      await Promise.race([heard, noEnd]);
    } finally {
      client.release(true);
      await executor.close();
    }
  });
});

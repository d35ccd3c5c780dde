import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** DATABASE_URL with the new database's name in it. */
  url: string;
  name: string;
  /** Drops the database, ending any connection still open on it. */
  drop(): Promise<void>;
}

/** PostgreSQL tests run only when DATABASE_URL is set; this says so once per suite that skips. */
export function postgresTestUrl(suite: string): string | undefined {
  const url = process.env['DATABASE_URL'];
  if (!url) console.log(`${suite}: PostgreSQL tests SKIPPED because DATABASE_URL is not set`);
  return url || undefined;
}

/** A fresh, uniquely named database on DATABASE_URL's server, so no test sees another's rows or leftovers. */
export async function createTestDatabase(baseUrl = process.env['DATABASE_URL']): Promise<TestDatabase> {
  if (!baseUrl) throw new Error('createTestDatabase needs DATABASE_URL');
  const name = `ledger_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(baseUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withAdmin(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

import { APP_ROLE, type SqlExecutor, type SqlQueryable } from '@ledger/event-store';

/** Every read model lives in this schema, apart from the append-only events. */
export const READ_MODEL_SCHEMA = 'read_models';
export const CHECKPOINTS = `${READ_MODEL_SCHEMA}.checkpoints`;
const SHADOW_SUFFIX = '__rebuild';

/** A projection's rows: one JSON document per (scope, key); a table per projection, a shadow table per rebuild. */
export function liveTable(name: string): string {
  return `${READ_MODEL_SCHEMA}.${name}`;
}

export function shadowTable(name: string): string {
  return `${READ_MODEL_SCHEMA}.${name}${SHADOW_SUFFIX}`;
}

/**
 * DDL runs as the owner; the application role may read and change read-model rows and nothing more
 * (the events stay append-only for it). Idempotent, so every start runs it.
 */
export async function ensureReadModelTables(database: SqlExecutor, projectionNames: readonly string[]): Promise<void> {
  await database.transaction(
    async (client) => {
      // Two processes starting together would race on CREATE ... IF NOT EXISTS: serialise them.
      await client.query('SELECT pg_advisory_xact_lock(7340212)');
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${READ_MODEL_SCHEMA}`);
      await client.query(`GRANT USAGE ON SCHEMA ${READ_MODEL_SCHEMA} TO ${APP_ROLE}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${CHECKPOINTS} (
           name text PRIMARY KEY,
           position text NOT NULL,
           generation integer NOT NULL DEFAULT 0,
           updated_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${CHECKPOINTS} TO ${APP_ROLE}`);
      for (const name of projectionNames) await createDocumentTable(client, liveTable(name));
    },
    { role: 'owner' },
  );
}

export async function createDocumentTable(client: SqlQueryable, table: string): Promise<void> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${table} (
       scope text NOT NULL,
       key text NOT NULL,
       doc jsonb NOT NULL,
       PRIMARY KEY (scope, key)
     )`,
  );
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${APP_ROLE}`);
}

export interface Checkpoint {
  /** The position the table's rows reflect, `'0'` before the first batch (positions are positive). */
  position: string;
  /** Bumped when a rebuilt table is swapped in: whoever cached the old table's rows must drop them. */
  generation: number;
}

export async function readCheckpoint(client: SqlQueryable, table: string, forUpdate = false): Promise<Checkpoint> {
  const { rows } = await client.query<{ position: string; generation: number }>(
    `SELECT position, generation FROM ${CHECKPOINTS} WHERE name = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [table],
  );
  return { position: rows[0]?.position ?? '0', generation: Number(rows[0]?.generation ?? 0) };
}

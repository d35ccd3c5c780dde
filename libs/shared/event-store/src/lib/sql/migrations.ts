/** The role the application's own queries run under: it may read and append events, never change them. */
export const APP_ROLE = 'ledger_app';
export const SCHEMA = 'event_store';
export const APPENDED_CHANNEL = 'event_store_appended';
/**
 * A global position is `transaction id * 2^16 + index in the append` (ADR 0002): positions order as
 * transactions started writing, which is what makes "older than the oldest running transaction" a safe bound.
 */
export const POSITION_SHIFT = 16;
export const MAX_EVENTS_PER_APPEND = 2 ** POSITION_SHIFT;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events and stream heads',
    sql: `
CREATE TABLE ${SCHEMA}.streams (
  stream_id text PRIMARY KEY,
  revision bigint NOT NULL CHECK (revision >= 0),
  head_hash text NOT NULL
);
CREATE TABLE ${SCHEMA}.events (
  global_position bigint NOT NULL,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  revision bigint NOT NULL CHECK (revision >= 0),
  event_id uuid NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT events_pkey PRIMARY KEY (global_position),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision),
  CONSTRAINT events_position_of_transaction CHECK (global_position >> ${POSITION_SHIFT} = tx_id::text::bigint)
);

CREATE FUNCTION ${SCHEMA}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ${SCHEMA}.events
  FOR EACH ROW EXECUTE FUNCTION ${SCHEMA}.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ${SCHEMA}.events
  FOR EACH STATEMENT EXECUTE FUNCTION ${SCHEMA}.refuse_change();

CREATE FUNCTION ${SCHEMA}.head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.stream_id = OLD.stream_id AND NEW.revision > OLD.revision THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '%.%: a stream head only moves forward: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER streams_head_moves_forward BEFORE UPDATE OR DELETE ON ${SCHEMA}.streams
  FOR EACH ROW EXECUTE FUNCTION ${SCHEMA}.head_moves_forward();
CREATE TRIGGER streams_no_truncate BEFORE TRUNCATE ON ${SCHEMA}.streams
  FOR EACH STATEMENT EXECUTE FUNCTION ${SCHEMA}.refuse_change();

CREATE FUNCTION ${SCHEMA}.notify_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${APPENDED_CHANNEL}', '');
  RETURN NULL;
END $$;
CREATE TRIGGER events_notify AFTER INSERT ON ${SCHEMA}.events
  FOR EACH STATEMENT EXECUTE FUNCTION ${SCHEMA}.notify_appended();
`,
  },
  {
    // A NOTIFY inside the appending transaction takes the notification queue's lock at commit, so concurrent appends
    // committed one at a time (docs/performance.md); the store now announces appends after they commit.
    version: 2,
    name: 'appends announced after commit',
    sql: `
DROP TRIGGER events_notify ON ${SCHEMA}.events;
DROP FUNCTION ${SCHEMA}.notify_appended();
`,
  },
  {
    // Every append moves its stream's head. The guard's condition is now the trigger's WHEN clause, evaluated
    // without calling PL/pgSQL, so the function runs only to refuse; a delete is refused by a trigger of its own.
    // Free space left in each page of heads lets the move be a heap-only update (no new index entry).
    version: 3,
    name: 'stream heads moved cheaply',
    sql: `
DROP TRIGGER streams_head_moves_forward ON ${SCHEMA}.streams;
CREATE TRIGGER streams_head_moves_forward BEFORE UPDATE ON ${SCHEMA}.streams
  FOR EACH ROW WHEN (NEW.stream_id IS DISTINCT FROM OLD.stream_id OR NEW.revision <= OLD.revision)
  EXECUTE FUNCTION ${SCHEMA}.head_moves_forward();
CREATE TRIGGER streams_no_delete BEFORE DELETE ON ${SCHEMA}.streams
  FOR EACH ROW EXECUTE FUNCTION ${SCHEMA}.head_moves_forward();
ALTER TABLE ${SCHEMA}.streams SET (fillfactor = 70);
`,
  },
];

/** Idempotent, run at every start after the migrations, so a restored database regains its role and grants. */
const ENSURE_APP_ROLE = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    BEGIN
      CREATE ROLE ${APP_ROLE} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database of the same server created it at the same moment
    END;
  END IF;
  IF NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
    EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
  END IF;
END $$;
GRANT USAGE ON SCHEMA ${SCHEMA} TO ${APP_ROLE};
GRANT SELECT, INSERT ON ${SCHEMA}.events TO ${APP_ROLE};
GRANT SELECT, INSERT, UPDATE ON ${SCHEMA}.streams TO ${APP_ROLE};
GRANT SELECT ON ${SCHEMA}.migrations TO ${APP_ROLE};
`;

/** A connection as given (superuser or owner): multi-statement text and parameterised queries. */
export interface MigrationSession {
  exec(sql: string): Promise<unknown>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** Arbitrary constant: serialises concurrent starts against one database. */
const MIGRATION_LOCK = 7_340_211;

/** Applies the missing migrations in one transaction and records each; returns the versions it applied. */
export async function migrate(session: MigrationSession, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await session.exec('BEGIN');
  try {
    await session.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await session.exec(`
CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
CREATE TABLE IF NOT EXISTS ${SCHEMA}.migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`);
    const { rows } = await session.query<{ version: number }>(`SELECT version FROM ${SCHEMA}.migrations`);
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await session.exec(migration.sql);
      await session.query(`INSERT INTO ${SCHEMA}.migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      done.push(migration.version);
    }
    await session.exec(ENSURE_APP_ROLE);
    await session.exec('COMMIT');
    return done;
  } catch (error) {
    await session.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

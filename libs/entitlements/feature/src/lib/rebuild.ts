import { APP_ROLE, type SqlQueryable, type StoreWithDatabase } from '@ledger/event-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { CHECKPOINTS, createDocumentTable, ensureReadModelTables, liveTable, READ_MODEL_SCHEMA, shadowTable, type Checkpoint } from './read-model-tables';

export interface RowDifference {
  scope: string;
  key: string;
  kind: 'only-live' | 'only-rebuilt' | 'changed';
}

export interface RebuildReport {
  projection: string;
  livePosition: string;
  rebuiltPosition: string;
  liveRows: number;
  rebuiltRows: number;
  onlyLive: number;
  onlyRebuilt: number;
  changed: number;
  /** The first differences, by scope and key. */
  differences: RowDifference[];
  /** Whether live and rebuilt rows were equal (an empty diff). */
  identical: boolean;
}

export interface RebuildOptions {
  batchSize?: number;
  onProgress?: (events: number, position: string) => void;
  /** How many times the rebuild catches up again when the live table moved meanwhile. */
  maxRounds?: number;
  shownDifferences?: number;
}

/**
 * Rebuilds a projection into a shadow table from the first event, then, holding the live checkpoint's lock,
 * compares the two and swaps the shadow in (its checkpoint and a new generation, so a running live runner drops
 * what it cached). Live readers see the old table until the swap commits and the rebuilt one after.
 */
export async function rebuildProjection(store: StoreWithDatabase, projection: Projection, options: RebuildOptions = {}): Promise<RebuildReport> {
  const [report] = await rebuildProjections(store, [projection], options);
  return report;
}

/**
 * Rebuilds several projections in one pass over the events (one read, one fold of each contract for all of
 * them), each into its own shadow table with its own checkpoint, and swaps them all in in one transaction.
 * Reports in the order given.
 */
export async function rebuildProjections(store: StoreWithDatabase, projections: readonly Projection[], options: RebuildOptions = {}): Promise<RebuildReport[]> {
  const names = projections.map((projection) => projection.name);
  await ensureReadModelTables(store.database, names);
  await store.database.transaction(
    async (client) => {
      for (const name of names) {
        await client.query(`DROP TABLE IF EXISTS ${shadowTable(name)}`);
        await createDocumentTable(client, shadowTable(name));
      }
      await client.query(`DELETE FROM ${CHECKPOINTS} WHERE name = ANY($1::text[])`, [names.map(shadowTable)]);
    },
    { role: 'owner' },
  );
  const runner = new ProjectionRunner(store, projections, { table: shadowTable, durable: false, narrowReads: true, ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }) });
  let total = 0;
  const maxRounds = options.maxRounds ?? 20;
  for (let round = 0; round < maxRounds; round++) {
    total += await runner.catchUp((applied, position) => options.onProgress?.(total + applied, position));
    const reports = await store.database.transaction(
      async (client) => {
        // In name order, as runners lock them: two transactions never wait for each other in a circle.
        const live = await lockedCheckpoints(client, names.map(liveTable));
        const rebuilt = await lockedCheckpoints(client, names.map(shadowTable));
        // A live table is ahead: catch up again so both describe the same events before comparing.
        const behind = names.some((name) => BigInt(live.get(liveTable(name))?.position ?? '0') > BigInt(rebuilt.get(shadowTable(name))?.position ?? '0'));
        if (behind && round < maxRounds - 1) return undefined;
        const done: RebuildReport[] = [];
        for (const name of names) {
          const liveCheckpoint = live.get(liveTable(name)) ?? { position: '0', generation: 0 };
          const rebuiltPosition = rebuilt.get(shadowTable(name))?.position ?? '0';
          const diff = await compareTables(client, liveTable(name), shadowTable(name), options.shownDifferences ?? 20);
          await client.query(`DROP TABLE ${liveTable(name)}`);
          await client.query(`ALTER TABLE ${shadowTable(name)} RENAME TO ${name}`);
          await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${READ_MODEL_SCHEMA}.${name} TO ${APP_ROLE}`);
          await client.query(
            `INSERT INTO ${CHECKPOINTS} (name, position, generation, updated_at) VALUES ($1, $2, $3, now())
             ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, generation = EXCLUDED.generation, updated_at = now()`,
            [liveTable(name), rebuiltPosition, liveCheckpoint.generation + 1],
          );
          await client.query(`DELETE FROM ${CHECKPOINTS} WHERE name = $1`, [shadowTable(name)]);
          done.push({ projection: name, livePosition: liveCheckpoint.position, rebuiltPosition, ...diff });
        }
        return done;
      },
      { role: 'owner' },
    );
    if (reports) return reports;
  }
  throw new Error(`rebuild of ${names.join(', ')}: the live tables kept moving ahead (${maxRounds} rounds)`);
}

async function lockedCheckpoints(client: SqlQueryable, tables: readonly string[]): Promise<Map<string, Checkpoint>> {
  const { rows } = await client.query<{ name: string; position: string; generation: number }>(
    `SELECT name, position, generation FROM ${CHECKPOINTS} WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE`,
    [tables],
  );
  return new Map(rows.map((row) => [row.name, { position: row.position, generation: Number(row.generation) }]));
}

async function compareTables(client: SqlQueryable, live: string, rebuilt: string, shown: number) {
  // One join of the two tables (a CTE read twice is computed once); the differences are few, the tables are not.
  const { rows } = await client.query<{ live_rows: string; rebuilt_rows: string; counts: Partial<Record<RowDifference['kind'], string | number>>; shown: RowDifference[] }>(
    `WITH differences AS (
       SELECT coalesce(l.scope, s.scope) AS scope, coalesce(l.key, s.key) AS key,
              CASE WHEN s.scope IS NULL THEN 'only-live' WHEN l.scope IS NULL THEN 'only-rebuilt' ELSE 'changed' END AS kind
       FROM ${live} AS l FULL OUTER JOIN ${rebuilt} AS s ON l.scope = s.scope AND l.key = s.key
       WHERE l.doc IS DISTINCT FROM s.doc
     )
     SELECT (SELECT count(*) FROM ${live}) AS live_rows,
            (SELECT count(*) FROM ${rebuilt}) AS rebuilt_rows,
            (SELECT coalesce(json_object_agg(kind, n), '{}') FROM (SELECT kind, count(*) AS n FROM differences GROUP BY kind) AS kinds) AS counts,
            (SELECT coalesce(json_agg(d ORDER BY d.scope, d.key), '[]') FROM (SELECT * FROM differences ORDER BY scope, key LIMIT $1) AS d) AS shown`,
    [shown],
  );
  const result = rows[0];
  const onlyLive = Number(result?.counts['only-live'] ?? 0);
  const onlyRebuilt = Number(result?.counts['only-rebuilt'] ?? 0);
  const changed = Number(result?.counts.changed ?? 0);
  return {
    liveRows: Number(result?.live_rows ?? 0),
    rebuiltRows: Number(result?.rebuilt_rows ?? 0),
    onlyLive,
    onlyRebuilt,
    changed,
    differences: result?.shown ?? [],
    identical: onlyLive + onlyRebuilt + changed === 0,
  };
}

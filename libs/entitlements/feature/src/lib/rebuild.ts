import { APP_ROLE, type SqlQueryable, type StoreWithDatabase } from '@ledger/event-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { CHECKPOINTS, createDocumentTable, ensureReadModelTables, liveTable, READ_MODEL_SCHEMA, readCheckpoint, shadowTable } from './read-model-tables';

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
  const live = liveTable(projection.name);
  const shadow = shadowTable(projection.name);
  await ensureReadModelTables(store.database, [projection.name]);
  await store.database.transaction(
    async (client) => {
      await client.query(`DROP TABLE IF EXISTS ${shadow}`);
      await createDocumentTable(client, shadow);
      await client.query(`DELETE FROM ${CHECKPOINTS} WHERE name = $1`, [shadow]);
    },
    { role: 'owner' },
  );
  const runner = new ProjectionRunner(store, projection, { table: shadow, ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }) });
  let total = 0;
  const maxRounds = options.maxRounds ?? 20;
  for (let round = 0; round < maxRounds; round++) {
    total += await runner.catchUp((applied, position) => options.onProgress?.(total + applied, position));
    const report = await store.database.transaction(
      async (client) => {
        const liveCheckpoint = await readCheckpoint(client, live, true);
        const { position: rebuiltPosition } = await readCheckpoint(client, shadow, true);
        // The live table is ahead: catch up again so both describe the same events before comparing.
        if (BigInt(liveCheckpoint.position) > BigInt(rebuiltPosition) && round < maxRounds - 1) return undefined;
        const diff = await compareTables(client, live, shadow, options.shownDifferences ?? 20);
        await client.query(`DROP TABLE ${live}`);
        await client.query(`ALTER TABLE ${shadow} RENAME TO ${projection.name}`);
        await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${READ_MODEL_SCHEMA}.${projection.name} TO ${APP_ROLE}`);
        await client.query(
          `INSERT INTO ${CHECKPOINTS} (name, position, generation, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, generation = EXCLUDED.generation, updated_at = now()`,
          [live, rebuiltPosition, liveCheckpoint.generation + 1],
        );
        await client.query(`DELETE FROM ${CHECKPOINTS} WHERE name = $1`, [shadow]);
        return { projection: projection.name, livePosition: liveCheckpoint.position, rebuiltPosition, ...diff };
      },
      { role: 'owner' },
    );
    if (report) return report;
  }
  throw new Error(`rebuild of ${projection.name}: the live table kept moving ahead (${maxRounds} rounds)`);
}

async function compareTables(client: SqlQueryable, live: string, rebuilt: string, shown: number) {
  const counts = await client.query<{ live_rows: string; rebuilt_rows: string; only_live: string; only_rebuilt: string; changed: string }>(
    `SELECT
       (SELECT count(*) FROM ${live}) AS live_rows,
       (SELECT count(*) FROM ${rebuilt}) AS rebuilt_rows,
       count(*) FILTER (WHERE s.scope IS NULL) AS only_live,
       count(*) FILTER (WHERE l.scope IS NULL) AS only_rebuilt,
       count(*) FILTER (WHERE l.scope IS NOT NULL AND s.scope IS NOT NULL) AS changed
     FROM ${live} AS l FULL OUTER JOIN ${rebuilt} AS s ON l.scope = s.scope AND l.key = s.key
     WHERE l.doc IS DISTINCT FROM s.doc`,
  );
  const { rows } = await client.query<{ scope: string; key: string; kind: RowDifference['kind'] }>(
    `SELECT coalesce(l.scope, s.scope) AS scope, coalesce(l.key, s.key) AS key,
            CASE WHEN s.scope IS NULL THEN 'only-live' WHEN l.scope IS NULL THEN 'only-rebuilt' ELSE 'changed' END AS kind
     FROM ${live} AS l FULL OUTER JOIN ${rebuilt} AS s ON l.scope = s.scope AND l.key = s.key
     WHERE l.doc IS DISTINCT FROM s.doc
     ORDER BY 1, 2 LIMIT $1`,
    [shown],
  );
  const count = counts.rows[0];
  const onlyLive = Number(count?.only_live ?? 0);
  const onlyRebuilt = Number(count?.only_rebuilt ?? 0);
  const changed = Number(count?.changed ?? 0);
  return {
    liveRows: Number(count?.live_rows ?? 0),
    rebuiltRows: Number(count?.rebuilt_rows ?? 0),
    onlyLive,
    onlyRebuilt,
    changed,
    differences: rows,
    identical: onlyLive + onlyRebuilt + changed === 0,
  };
}

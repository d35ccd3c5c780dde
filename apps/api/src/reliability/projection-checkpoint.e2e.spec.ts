import { openEventStore, type ReadAllOptions, type SqlEventStore, type StoreWithDatabase } from '@ledger/event-store';
import { ALL_PROJECTIONS, CHECKPOINTS, createDocumentTable, ensureReadModelTables, ProjectionRunner, READ_MODEL_SCHEMA, readCheckpoint, type Projection } from '@ledger/entitlements-feature';
import { createTestDatabase, loadExampleFolders, postgresTestUrl, publishExampleFramework, requestForEvent, type ExampleFolder, type TestApi, type TestDatabase } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';
import { caughtUp } from './caught-up';

/**
 * Issue 9, faults: a projection batch that dies after writing its rows and before its checkpoint. Its rows and
 * its checkpoint commit together or not at all, so a reader never sees rows ahead of the checkpoint: at every
 * moment the rows are the fold of exactly the events up to the stored checkpoint. (Applying such a batch again
 * writes the same documents, so only a look between the death and the retry shows rows committed on their own.)
 */
const CONTRACT = 'HIL-HC-2024-002';
const BATCH = 4;
const DEATH_EVERY = 3;
const MAX_STEPS = 200;
const example = loadExampleFolders().find((folder) => folder.name === '03-caps-and-reversal') as ExampleFolder;
const url = postgresTestUrl('projection checkpoint');

/** The store as it was at `position`: the all-stream ends there (streams are folded only up to the events read). */
function storeThrough(store: StoreWithDatabase, position: string): StoreWithDatabase {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'readAll') {
        return async (options: ReadAllOptions) => (await target.readAll(options)).filter((event) => BigInt(event.globalPosition) <= BigInt(position));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function freshTable(store: StoreWithDatabase, table: string): Promise<void> {
  await store.database.transaction(
    async (client) => {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await createDocumentTable(client, table);
      await client.query(`DELETE FROM ${CHECKPOINTS} WHERE name = $1`, [table]);
    },
    { role: 'owner' },
  );
}

/** What a reader sees now, in one snapshot: the table's checkpoint and its rows. */
async function readerView(store: StoreWithDatabase, table: string): Promise<{ position: string; rows: string[] }> {
  return store.database.transaction(async (client) => {
    const { position } = await readCheckpoint(client, table);
    const { rows } = await client.query<{ row: string }>(`SELECT scope || ' ' || key || ' ' || doc::text AS row FROM ${table} ORDER BY scope, key`);
    return { position, rows: rows.map((row) => row.row) };
  });
}

/** The rows of the projection folded from the first event up to `position`, into a table of their own. */
async function rowsThrough(store: StoreWithDatabase, projection: Projection, position: string): Promise<string[]> {
  const table = `${READ_MODEL_SCHEMA}.${projection.name}__expected`;
  await freshTable(store, table);
  const runner = new ProjectionRunner(storeThrough(store, position), projection, { table, batchSize: 1_000 });
  for (let tries = 0; tries < MAX_STEPS; tries++) {
    await runner.catchUp();
    if (await caughtUp(store, table, position)) return (await readerView(store, table)).rows;
  }
  throw new Error(`${projection.name}: the expected rows never reached ${position}`);
}

describe.each([
  ['PGlite', false],
  ['PostgreSQL', true],
] as const)('a projection batch that dies between its rows and its checkpoint (%s)', (_name, postgres) => {
  const skip = postgres && !url;
  let database: TestDatabase | undefined;
  let store: SqlEventStore;
  let api: TestApi;

  beforeAll(async () => {
    if (skip) return;
    database = postgres ? await createTestDatabase(url) : undefined;
    store = database ? await openEventStore({ kind: 'postgres', connectionString: database.url, poolSize: 2 }) : await openEventStore({ kind: 'pglite' });
    // The API's own worker writes the live tables; the runners below write tables of their own.
    api = await startTestApi({ store });
    await publishExampleFramework(api);
    for (const event of example.events) {
      const sent = requestForEvent(event, CONTRACT);
      if (!sent) continue;
      const response = await api.send(sent.method, sent.path, { actor: event.metadata.actor, now: event.metadata.recordedAt, body: sent.body });
      if (response.status >= 300) throw new Error(`${event.type}: ${response.status} ${response.text}`);
    }
    await ensureReadModelTables(store.database, ALL_PROJECTIONS.map((projection) => projection.name));
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it.each(ALL_PROJECTIONS.map((projection) => [projection.name, projection] as const))(
    '%s: after each death a reader sees the rows of exactly the events up to the stored checkpoint, never rows ahead of it',
    async (_projection, projection) => {
      if (skip) {
        console.log('projection checkpoint on PostgreSQL: SKIPPED because DATABASE_URL is not set');
        return;
      }
      const table = `${READ_MODEL_SCHEMA}.${projection.name}__probe`;
      await freshTable(store, table);
      let batches = 0;
      const runner = new ProjectionRunner(store, projection, {
        table,
        batchSize: BATCH,
        beforeCheckpoint: () => {
          if (++batches % DEATH_EVERY === 0) throw new Error('scripted death before the checkpoint');
        },
      });
      const deaths: { position: string; rows: number }[] = [];
      for (let steps = 0; steps < MAX_STEPS; steps++) {
        const before = await readerView(store, table);
        const applied = await runner.step().catch(() => 'died' as const);
        if (applied === 0) break;
        if (applied !== 'died') continue;
        const after = await readerView(store, table);
        expect(after.position).toBe(before.position);
        expect(after.rows).toEqual(await rowsThrough(store, projection, after.position));
        deaths.push({ position: after.position, rows: after.rows.length });
      }
      expect(deaths.length).toBeGreaterThan(1);
      const caughtUp = await readerView(store, table);
      expect(caughtUp.rows).toEqual(await rowsThrough(store, projection, caughtUp.position));
    },
    60_000,
  );
});

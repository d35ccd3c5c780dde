import { Client } from 'pg';
import { verifyContractHistory, type ContractStreamEvent } from '@ledger/contracts-domain';
import { openEventStore, type SqlEventStore } from '@ledger/event-store';
import { ALL_PROJECTIONS, CHECKPOINTS, ensureReadModelTables, liveTable, ProjectionRunner, rebuildProjection } from '@ledger/entitlements-feature';
import { createTestDatabase, loadExampleFolders, postgresTestUrl, publishExampleFramework, requestForEvent, type ExampleFolder, type TestApi, type TestDatabase } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';
import { caughtUp, lastAppended } from './caught-up';

/**
 * Issue 9, faults: PostgreSQL backends terminated (pg_terminate_backend, as a failover or an administrator does)
 * while appends are in flight and while projections apply batches. Bounded: a fixed number of commands and kills,
 * every retry loop counted.
 */
const CONTRACT = 'HIL-HC-2024-002';
const STREAM = `contract-${CONTRACT}`;
const COMMISSIONER = { sub: 'p.sandhu@hillingdon.gov.uk', role: 'commissioner', org: 'LA-HILLINGDON' };
const NOW = '2024-04-10T10:00:00.000Z';
const COMMANDS = 40;
const IN_FLIGHT = 8;
const MAX_KILLS = 12;
const CLIENT_RETRIES = 15;
const ROUNDS = 10;
const MAX_STEPS = 1_000;
const APP_NAME = 'ledger-fault-app';
const WORKER_NAME = 'ledger-fault-worker';
const example = loadExampleFolders().find((folder) => folder.name === '03-caps-and-reversal') as ExampleFolder;
const url = postgresTestUrl('backend terminated');

/** Empties every projection's live rows and checkpoint, as before its first run. */
async function resetProjections(store: SqlEventStore): Promise<void> {
  await store.database.transaction(
    async (client) => {
      for (const projection of ALL_PROJECTIONS) {
        await client.query(`DELETE FROM ${liveTable(projection.name)}`);
        await client.query(`DELETE FROM ${CHECKPOINTS} WHERE name = $1`, [liveTable(projection.name)]);
      }
    },
    { role: 'owner' },
  );
}

function withApplicationName(connectionString: string, name: string): string {
  const parsed = new URL(connectionString);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

/**
 * Terminates one of the named application's backends, every `everyMs`, until stopped or `MAX_KILLS` have been
 * ended, in any state, taking in turn one running a statement and one that is not (idle in a transaction between
 * two statements, or idle in the pool): each a window in which an unheard client 'error' would end the process.
 */
function killer(admin: Client, database: string, applicationName: string, everyMs: number) {
  let killed = 0;
  let betweenStatements = 0;
  let stopped = false;
  const done = (async () => {
    for (let tick = 0; !stopped && killed < MAX_KILLS; tick++) {
      await new Promise((resolve) => setTimeout(resolve, everyMs));
      const { rows } = await admin.query<{ ended: boolean; state: string | null }>(
        `SELECT pg_terminate_backend(pid) AS ended, state FROM pg_stat_activity WHERE datname = $1 AND application_name = $2
         ORDER BY (state = 'active') = $3 DESC, random() LIMIT 1`,
        [database, applicationName, tick % 2 === 0],
      );
      const ended = rows.filter((row) => row.ended);
      killed += ended.length;
      betweenStatements += ended.filter((row) => row.state !== 'active').length;
    }
  })();
  return {
    killed: () => killed,
    stop: async () => {
      stopped = true;
      await done;
      return { killed, betweenStatements };
    },
  };
}

(url ? describe : describe.skip)('PostgreSQL backends terminated mid-append and mid-projection', () => {
  let database: TestDatabase;
  let admin: Client;
  let store: SqlEventStore;
  let api: TestApi;

  beforeAll(async () => {
    database = await createTestDatabase(url);
    admin = new Client({ connectionString: database.url });
    await admin.connect();
    store = await openEventStore({ kind: 'postgres', connectionString: withApplicationName(database.url, APP_NAME), poolSize: 4 });
    api = await startTestApi({ store });
    await publishExampleFramework(api);
    for (const event of example.events.slice(0, 6)) {
      const sent = requestForEvent(event, CONTRACT);
      if (!sent) continue;
      const response = await api.send(sent.method, sent.path, { actor: event.metadata.actor, now: event.metadata.recordedAt, body: sent.body });
      if (response.status >= 300) throw new Error(`${event.type}: ${response.status} ${response.text}`);
    }
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await admin?.end();
    await database?.drop();
  });

  /**
   * A pooled connection whose backend was ended while idle fails the next statement sent on it, once (a client of
   * the API gets a 5xx and retries, as the test's clients do). The test's own reads below are not retried, so they
   * wait until every connection of the pool (4) has answered, or been replaced. Bounded: 20 rounds.
   */
  async function poolSettled(eventStore: SqlEventStore): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const answers = await Promise.allSettled(Array.from({ length: 4 }, () => eventStore.database.query('SELECT 1')));
      if (answers.every((answer) => answer.status === 'fulfilled')) return;
    }
    throw new Error('the pool still fails after 20 rounds');
  }

  it('every command a retrying client sent is stored exactly once (counted by commandId), and the history re-decides', async () => {
    const send = async (index: number): Promise<number> => {
      const body = { measurementId: `M-FAULT-${index}`, childRef: 'CH-3001', instrument: 'SDQ', score: 10 + (index % 20), measuredOn: '2024-04-09' };
      let status = 0;
      // A client retries what it did not see answered (5xx, a dropped connection, a lost race) with the same key.
      for (let attempt = 0; attempt < CLIENT_RETRIES && (status === 0 || status >= 500 || status === 412); attempt++) {
        const response = await api
          .send('POST', `/api/contracts/${CONTRACT}/measurements`, { actor: COMMISSIONER, now: NOW, body, headers: { 'Idempotency-Key': `fault-measure-${index}` } })
          .catch(() => ({ status: 0 }));
        status = response.status;
      }
      return status;
    };
    const kills = killer(admin, database.name, APP_NAME, 15);
    const statuses: number[] = [];
    for (let start = 0; start < COMMANDS; start += IN_FLIGHT) {
      statuses.push(...(await Promise.all(Array.from({ length: IN_FLIGHT }, (_, offset) => send(start + offset)))));
    }
    const { killed, betweenStatements } = await kills.stop();
    await poolSettled(store);

    expect(killed).toBeGreaterThan(0);
    expect(betweenStatements).toBeGreaterThan(0);
    expect(statuses).toEqual(Array(COMMANDS).fill(201));
    const events = (await store.readStream(STREAM)) as unknown as ContractStreamEvent[];
    const perCommand = new Map<string, number>();
    for (const event of events) perCommand.set(event.metadata.commandId, (perCommand.get(event.metadata.commandId) ?? 0) + 1);
    const faulted = [...perCommand].filter(([commandId]) => commandId.startsWith('fault-measure-'));
    expect(faulted).toHaveLength(COMMANDS);
    expect(faulted.filter(([, count]) => count !== 1)).toEqual([]);
    expect(events.filter((event) => event.type === 'MeasurementRecorded')).toHaveLength(COMMANDS);
    expect(verifyContractHistory(events)).toMatchObject({ ok: true, events: events.length });
  }, 120_000);

  it('projections whose backends are terminated mid-batch, once caught up, equal a rebuild from the first event (empty diff)', async () => {
    const worker = await openEventStore({ kind: 'postgres', connectionString: withApplicationName(database.url, WORKER_NAME), poolSize: 2 });
    try {
      await ensureReadModelTables(worker.database, ALL_PROJECTIONS.map((projection) => projection.name));
      const last = await lastAppended(store);
      const kills = killer(admin, database.name, WORKER_NAME, 5);
      // A catch-up can finish between two kills: it starts again from nothing until a backend died under it.
      for (let round = 0; round < ROUNDS && kills.killed() === 0; round++) {
        await resetProjections(store);
        for (const projection of ALL_PROJECTIONS) {
          const runner = new ProjectionRunner(worker, projection, { table: liveTable(projection.name), batchSize: 3 });
          let failures = 0;
          // Each failed batch is tried again from the checkpoint, as the worker's loop does after its back-off.
          for (let steps = 0; ; steps++) {
            if (steps > MAX_STEPS) throw new Error(`${projection.name}: not caught up after ${steps} steps`);
            try {
              if ((await runner.step()) === 0 && (await caughtUp(worker, liveTable(projection.name), last))) break;
            } catch {
              failures++;
              if (failures > MAX_KILLS * 4) throw new Error(`${projection.name}: still failing after ${failures} tries`);
            }
          }
        }
      }
      const { killed } = await kills.stop();
      expect(killed).toBeGreaterThan(0);
      for (const projection of ALL_PROJECTIONS) {
        const report = await rebuildProjection(store, projection);
        expect({ projection: projection.name, identical: report.identical, differences: report.differences }).toEqual({ projection: projection.name, identical: true, differences: [] });
      }
    } finally {
      await worker.close();
    }
  }, 120_000);
});

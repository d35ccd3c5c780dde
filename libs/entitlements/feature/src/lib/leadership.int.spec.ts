import { computeStatements } from '@ledger/entitlements-domain';
import { openEventStore, type SqlEventStore } from '@ledger/event-store';
import { createTestDatabase, postgresTestUrl, type TestDatabase } from '@ledger/testing';
import { Client } from 'pg';
import { appendExamples, loadExamples, storedStream } from '../testing/example-store';
import { PROJECTION_LEADER_LOCK } from './leadership';
import { ProjectionWorker } from './projection-worker';
import { liveTable } from './read-model-tables';
import { rebuildProjection } from './rebuild';
import { projectionNamed } from './projections';
import type { Projection } from './projection';
import { STATEMENTS } from './statements.projection';
import { PROVIDER_EARNINGS } from './provider-earnings.projection';

const databaseUrl = postgresTestUrl('projection leadership on PostgreSQL');
const examples = loadExamples();
const TOTAL = examples.reduce((total, example) => total + example.events.length, 0);

(databaseUrl ? describe : describe.skip)('two projection workers on one PostgreSQL database', () => {
  let database: TestDatabase;
  const stores: SqlEventStore[] = [];
  const workers: ProjectionWorker[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(databaseUrl);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop().catch(() => undefined)));
    await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
    await database?.drop();
  });

  async function startWorker(): Promise<ProjectionWorker> {
    const store = await openEventStore({ kind: 'postgres', connectionString: database.url, pollIntervalMs: 50 });
    stores.push(store);
    const worker = new ProjectionWorker(store, { leaderConnectionString: database.url, leaderPollMs: 200, retryMs: 200, batchSize: 7 });
    workers.push(worker);
    await worker.start();
    return worker;
  }

  it('one leads and applies every event once; when its connection is killed the other takes over within seconds', async () => {
    const [a, b] = [await startWorker(), await startWorker()];
    await waitFor(async () => (a.isLeader !== b.isLeader ? true : undefined), 'one leader');
    const leader = a.isLeader ? a : b;
    const follower = a.isLeader ? b : a;

    const half = Math.floor(TOTAL / 2);
    await appendExamples(stores[0], examples, { to: half });
    await waitFor(async () => ((await leader.health()).projections.every((p) => p.lagEvents === 0) ? true : undefined), 'leader caught up');
    expect((await follower.health()).role).toBe('follower');

    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND classid = 0 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [PROJECTION_LEADER_LOCK],
      );
      expect(rows.length).toBe(1);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    } finally {
      await admin.end();
    }
    const killedAt = Date.now();
    await waitFor(async () => (follower.isLeader ? true : undefined), 'follower takes over');
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    await waitFor(async () => (!leader.isLeader ? true : undefined), 'old leader steps down');

    await appendExamples(stores[0], examples, { from: half });
    await waitFor(async () => ((await follower.health()).projections.every((p) => p.lagEvents === 0) ? true : undefined), 'new leader caught up');

    const store = stores[0];
    const { rows } = await store.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${liveTable(STATEMENTS)}`);
    let closed = 0;
    for (const example of examples) closed += computeStatements(await storedStream(store, example.streamId)).closed.length;
    expect(Number(rows[0].n)).toBe(closed);
    // Applying an event twice would show as a difference between the live rows and a rebuild from scratch.
    for (const name of [STATEMENTS, PROVIDER_EARNINGS]) {
      const report = await rebuildProjection(store, projectionNamed(name) as Projection);
      expect(report).toMatchObject({ identical: true, differences: [] });
    }
  });
});

/** Polls every 50 ms, for at most 15 s. */
async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: not within 15 s`);
}

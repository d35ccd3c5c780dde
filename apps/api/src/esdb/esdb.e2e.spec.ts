import type { INestApplication } from '@nestjs/common';
import { canonicalJson, sha256Hex } from '@ledger/kernel';
import { computeStatements, type FoldEvent } from '@ledger/entitlements-domain';
import { ALL_PROJECTIONS, CHECKPOINTS, ReadModels } from '@ledger/entitlements-feature';
import { EVENT_STORE_SCHEMA, startEsdbStandIn, type EsdbStandIn, type StoreWithDatabase } from '@ledger/event-store';
import {
  createTestDatabase,
  loadExampleFolders,
  postgresTestUrl,
  publishExampleFramework,
  sendRecordedEvent,
  TEST_API_ENV,
  testApiOn,
  type ExampleFolder,
  type TestApi,
  type TestDatabase,
} from '@ledger/testing';
import { describeStore, loadConfig } from '../config/app-config';
import { createApp } from '../create-app';
import { openConfiguredStore } from '../store/open-store';

const AUDITOR = { sub: 'auditor@nao', role: 'auditor', org: 'NAO' };
// Two examples that close periods, so the statements read model has rows to agree with the fold.
const EXAMPLES: ExampleFolder[] = loadExampleFolders()
  .filter((example) => example.events.some((event) => event.type === 'PeriodClosed'))
  .slice(0, 2);

const databaseUrl = postgresTestUrl('API with EVENT_STORE=esdb (read models in PostgreSQL)');

(databaseUrl ? describe : describe.skip)('a full contract life through the API with EVENT_STORE=esdb against the stand-in', () => {
  let standIn: EsdbStandIn;
  let database: TestDatabase;
  let store: StoreWithDatabase;
  let app: INestApplication;
  let api: TestApi;

  beforeAll(async () => {
    standIn = await startEsdbStandIn();
    database = await createTestDatabase(databaseUrl);
    const config = loadConfig({ ...TEST_API_ENV, EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: standIn.connectionString, DATABASE_URL: database.url });
    expect(describeStore(config.store)).toBe(`esdb at ${new URL(standIn.connectionString.replace(/^esdb/, 'http')).host}, read models in postgres at ${new URL(database.url).host}/${database.name}`);
    store = await openConfiguredStore(config.store);
    app = await createApp(config, store);
    await app.init();
    api = testApiOn(app);
    await publishExampleFramework(api);
  });

  afterAll(async () => {
    await api?.close();
    await standIn?.stop();
    await database?.drop();
  });

  it('has two examples that close periods', () => expect(EXAMPLES).toHaveLength(2));

  it('/health names the esdb store and its connection', async () => {
    const health = await api.send('GET', '/health').expect(200);
    expect(health.body.store).toEqual({ kind: 'esdb', connected: true, responseMs: expect.any(Number) });
  });

  it.each(EXAMPLES.map((example) => [example.name, example] as const))('%s: the commands record its events, its statements are the expected ones', async (_name, example) => {
    const contractId = (example.events[0].data as { contractId: string }).contractId;
    for (const event of example.events) await sendRecordedEvent(api, event, contractId);
    const read = await api.send('GET', `/api/contracts/${contractId}/events?limit=1000`, { actor: AUDITOR }).expect(200);
    const recorded = read.body.items as { type: string; data: unknown; metadata: { recordedAt: string }; globalPosition: string }[];
    expect(recorded.map((event) => ({ type: event.type, data: event.data, recordedAt: event.metadata.recordedAt }))).toEqual(
      example.events.map((event) => ({ type: event.type, data: event.data, recordedAt: event.metadata.recordedAt })),
    );
    // EventStoreDB positions: commit * 2^64 + prepare, 39 digits.
    for (const event of recorded) expect(event.globalPosition).toMatch(/^\d{39}$/);

    const through = example.expected.options.provisionalThrough;
    const statements = await api.send('GET', `/api/contracts/${contractId}/statements${through ? `?through=${through}` : ''}`, { actor: AUDITOR }).expect(200);
    const items = statements.body.items as { asOf: string }[];
    expect(items).toEqual(example.expected.statements.map((expected) => expected.statement));
    expect(items.map(({ asOf: _asOf, ...rest }) => sha256Hex(canonicalJson(rest)))).toEqual(example.expected.statements.map((expected) => expected.statementHash));
  });

  it('the projections catch up from EventStoreDB into PostgreSQL and the statements read model agrees with the fold', async () => {
    let caughtUp = false;
    // Bounded: 30 s for the leader to be elected (polled every second) and the projections to catch up.
    for (let attempt = 0; attempt < 300 && !caughtUp; attempt++) {
      const health = await api.send('GET', '/health').expect(200);
      const projections = health.body.projections.projections as { state: string; lagEvents: number }[];
      caughtUp = health.body.projections.role === 'leader' && projections.length === ALL_PROJECTIONS.length && projections.every((p) => p.state === 'running' && p.lagEvents === 0);
      if (!caughtUp) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(caughtUp).toBe(true);

    const readModels = new ReadModels(store);
    let last = 0n;
    for (const example of EXAMPLES) {
      const contractId = (example.events[0].data as { contractId: string }).contractId;
      const stream = await store.readStream(`contract-${contractId}`);
      const fold = computeStatements(stream as unknown as FoldEvent[]).closed.map((hashed) => hashed.statement);
      expect(fold.length).toBeGreaterThan(0);
      const read = await readModels.closedStatements(contractId);
      expect(read.source).toBe('read-model');
      expect(read.items.map((item) => item.statement)).toEqual(fold);
      const head = BigInt(stream[stream.length - 1].globalPosition);
      if (head > last) last = head;
    }

    const { rows: checkpoints } = await store.database.query<{ name: string; position: string }>(`SELECT name, position FROM ${CHECKPOINTS}`);
    expect(checkpoints).toHaveLength(ALL_PROJECTIONS.length);
    for (const checkpoint of checkpoints) {
      expect(checkpoint.position).toMatch(/^\d{39}$/);
      expect(BigInt(checkpoint.position)).toBeGreaterThanOrEqual(last);
    }
    // The events are on EventStoreDB only: PostgreSQL holds the read models, not a copy.
    const { rows } = await store.database.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${EVENT_STORE_SCHEMA}.events`);
    expect(rows[0]?.count).toBe('0');
  });
});

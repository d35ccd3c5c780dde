import { canonicalJson, sha256Hex } from '@ledger/kernel';
import { openEventStore, type EventStore } from '@ledger/event-store';
import { createTestDatabase, loadExampleFolders, postgresTestUrl, publishExampleFramework, sendRecordedEvent, type ExampleFolder, type TestApi } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';

const examples = loadExampleFolders();
const AUDITOR = { sub: 'auditor@nao', role: 'auditor', org: 'NAO' };

/** Done means (issue 5): every example's commands, sent as its actors at its instants, record its events. */
async function replayAndCheck(api: TestApi, example: ExampleFolder): Promise<void> {
  await publishExampleFramework(api);
  const contractId = (example.events[0].data as { contractId: string }).contractId;
  for (const event of example.events) {
    const response = await sendRecordedEvent(api, event, contractId);
    if (response) expect(response.headers['etag']).toBe(`"${response.body.revision}"`);
  }
  const read = await api.send('GET', `/api/contracts/${contractId}/events?limit=1000`, { actor: AUDITOR }).expect(200);
  const recorded = read.body.items as { type: string; data: unknown; metadata: { recordedAt: string } }[];
  expect(recorded.map((event) => ({ type: event.type, data: event.data, recordedAt: event.metadata.recordedAt }))).toEqual(
    example.events.map((event) => ({ type: event.type, data: event.data, recordedAt: event.metadata.recordedAt })),
  );

  const through = example.expected.options.provisionalThrough;
  const statements = await api.send('GET', `/api/contracts/${contractId}/statements${through ? `?through=${through}` : ''}`, { actor: AUDITOR }).expect(200);
  const items = statements.body.items as { asOf: string }[];
  expect(items).toEqual(example.expected.statements.map((expected) => expected.statement));
  expect(items.map(({ asOf: _asOf, ...rest }) => sha256Hex(canonicalJson(rest)))).toEqual(example.expected.statements.map((expected) => expected.statementHash));
  for (const expected of example.expected.statements) {
    const query = expected.statement.status === 'provisional' ? `?through=${through}` : '';
    const one = await api.send('GET', `/api/contracts/${contractId}/statements/${expected.statement.period}${query}`, { actor: AUDITOR }).expect(200);
    expect(one.body).toEqual(expected.statement);
  }
}

describe('every worked example replayed through the API on in-memory PGlite', () => {
  let api: TestApi;

  // One server for all: the examples are different contracts, and PGlite takes seconds to start.
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it('finds the examples', () => expect(examples.length).toBeGreaterThanOrEqual(9));

  it.each(examples.map((example) => [example.name, example] as const))('%s', (_name, example) => replayAndCheck(api, example));
});

const databaseUrl = postgresTestUrl('examples over HTTP on PostgreSQL');
(databaseUrl ? describe : describe.skip)('every worked example replayed through the API on PostgreSQL', () => {
  let store: EventStore;
  let drop: () => Promise<void>;
  let api: TestApi;

  beforeAll(async () => {
    const database = await createTestDatabase(databaseUrl);
    drop = database.drop;
    store = await openEventStore({ kind: 'postgres', connectionString: database.url });
    api = await startTestApi({ store });
  });

  afterAll(async () => {
    await api?.close();
    await drop?.();
  });

  // One server and database for all: the examples are different contracts.
  it.each(examples.map((example) => [example.name, example] as const))('%s', (_name, example) => replayAndCheck(api, example));
});

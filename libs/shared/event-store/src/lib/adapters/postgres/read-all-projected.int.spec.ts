import type { RecordedEvent } from '@ledger/kernel';
import { createTestDatabase, postgresTestUrl, type TestDatabase } from '@ledger/testing';
import { openEventStore } from '../../open-event-store';
import type { SqlEventStore } from './sql-event-store';
import type { ReadAllOptions } from '../../port';

const ACTORS = [
  { sub: 'a@la.gov.uk', role: 'commissioner', org: 'LA-A' },
  { sub: 'b@provider.org', role: 'provider', org: 'PRV-B' },
];

async function appendSome(store: SqlEventStore): Promise<void> {
  for (let stream = 0; stream < 3; stream++) {
    for (let append = 0; append < 4; append++) {
      await store.appendToStream(
        `${stream === 2 ? 'other' : 'contract'}-${stream}`,
        [0, 1].map((index) => ({
          id: `00000000-0000-5000-8000-${String(stream * 100 + append * 10 + index).padStart(12, '0')}`,
          type: 'Something',
          data: { stream, append, index, nested: { text: 'é "quoted"' } },
          metadata: {
            actor: ACTORS[(append + index) % 2],
            commandId: `c-${stream}-${append}`,
            correlationId: `c-${stream}-${append}`,
            recordedAt: `2025-01-${String(10 + append).padStart(2, '0')}T10:00:00.000Z`,
            schemaVersion: 1,
          },
        })),
        { expectedRevision: append === 0 ? 'no_stream' : append * 2 - 1 },
      );
    }
  }
}

function narrowed(event: RecordedEvent) {
  return {
    streamId: event.streamId,
    revision: event.revision,
    globalPosition: event.globalPosition,
    type: event.type,
    data: event.data,
    metadata: { actor: event.metadata.actor, recordedAt: event.metadata.recordedAt },
  };
}

/**
 * Readers of all see an append once every transaction that could still commit a lower position has ended (ADR 0002):
 * on a PostgreSQL cluster shared with other suites, a moment after the append returns. Bounded: 15 s.
 */
async function allVisible(store: SqlEventStore, count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await store.readAll()).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}

function describeProjectedReads(name: string, open: () => Promise<SqlEventStore>): void {
  describe(`readAllProjected (${name})`, () => {
    let store: SqlEventStore;

    beforeAll(async () => {
      store = await open();
      await appendSome(store);
      await allVisible(store, 24);
    });

    afterAll(async () => {
      await store?.close();
    });

    it('gives the events readAll gives, in the same order and bounds, without the id, hashes and command ids', async () => {
      const all = await store.readAll();
      expect(all).toHaveLength(24);
      const cases: ReadAllOptions[] = [{}, { maxCount: 5 }, { after: all[6].globalPosition, maxCount: 7 }, { streamPrefixes: ['other-'] }, { streamPrefixes: [] }, { after: all[23].globalPosition }];
      for (const options of cases) {
        const projected = await store.readAllProjected(options);
        expect(projected).toEqual((await store.readAll(options)).map(narrowed));
        for (const event of projected) expect(Object.keys(event.metadata).sort()).toEqual(['actor', 'recordedAt']);
      }
    });
  });
}

describeProjectedReads('PGlite', () => openEventStore({ kind: 'pglite' }));

const url = postgresTestUrl('readAllProjected: PostgreSQL');
if (url) {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });
  describeProjectedReads('PostgreSQL', async () => {
    database = await createTestDatabase(url);
    return openEventStore({ kind: 'postgres', connectionString: database.url });
  });
} else {
  // Skipped on purpose: PostgreSQL is needed; `npm test` without DATABASE_URL runs on PGlite alone (it says so).
  describe.skip('readAllProjected: PostgreSQL (skipped: DATABASE_URL is not set)', () => {
    it.todo('runs when DATABASE_URL is set');
  });
}

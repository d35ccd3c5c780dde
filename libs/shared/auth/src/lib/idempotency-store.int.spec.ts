import { openEventStore, type SqlEventStore } from '@ledger/event-store';
import { createTestDatabase, postgresTestUrl, type TestDatabase } from '@ledger/testing';
import { SqlIdempotencyStore } from './idempotency-store';

const jane = { sub: 'jane', role: 'commissioner', org: 'LA-1' };
const answer = { requestHash: 'h1', status: 201, body: { contractId: 'C-1', revision: 0, globalPosition: '1' }, etag: '"0"' };

function suite(name: string, open: () => Promise<{ store: SqlEventStore; done: () => Promise<void> }>) {
  describe(`SqlIdempotencyStore on ${name} (the store's database, application role)`, () => {
    let store: SqlEventStore;
    let done: () => Promise<void>;

    beforeAll(async () => {
      ({ store, done } = await open());
    });
    afterAll(() => done?.());

    it('keeps an answer per caller and key, keeps the first of two saves, and finds nothing for others', async () => {
      const answers = new SqlIdempotencyStore(store.database);
      expect(await answers.find(jane, 'k-1')).toBeUndefined();
      await answers.save(jane, 'k-1', answer);
      await answers.save(jane, 'k-1', { ...answer, status: 200, requestHash: 'h2' });
      expect(await answers.find(jane, 'k-1')).toEqual(answer);
      expect(await answers.find({ ...jane, sub: 'john' }, 'k-1')).toBeUndefined();
      expect(await answers.find({ ...jane, org: 'LA-2' }, 'k-1')).toBeUndefined();
    });

    it('a second instance (another replica) sees the table and the answers', async () => {
      expect(await new SqlIdempotencyStore(store.database).find(jane, 'k-1')).toEqual(answer);
    });
  });
}

suite('in-memory PGlite', async () => {
  const store = await openEventStore({ kind: 'pglite' });
  return { store, done: () => store.close() };
});

const url = postgresTestUrl('SqlIdempotencyStore');
if (url) {
  suite('PostgreSQL', async () => {
    const database: TestDatabase = await createTestDatabase(url);
    const store = await openEventStore({ kind: 'postgres', connectionString: database.url });
    return {
      store,
      done: async () => {
        await store.close();
        await database.drop();
      },
    };
  });
}

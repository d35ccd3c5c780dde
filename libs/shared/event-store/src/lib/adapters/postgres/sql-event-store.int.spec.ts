import { createTestDatabase, postgresTestUrl, type TestDatabase } from '@ledger/testing';
import { describeEventStoreContract } from '../../../testing/event-store-contract';
import { openEventStore } from '../../open-event-store';

describeEventStoreContract('PGlite, in memory', () => openEventStore({ kind: 'pglite' }));

const url = postgresTestUrl('EventStore contract: PostgreSQL');
if (url) {
  describe('PostgreSQL', () => {
    let database: TestDatabase | undefined;
    afterAll(async () => {
      await database?.drop();
    });
    describeEventStoreContract('PostgreSQL', async () => {
      database = await createTestDatabase(url);
      return openEventStore({ kind: 'postgres', connectionString: database.url });
    });
  });
} else {
  // Skipped on purpose: these tests need a PostgreSQL server, and `npm test` without DATABASE_URL runs on PGlite
  // alone (it says so in its first line). CI sets DATABASE_URL, so there they always run.
  describe.skip('EventStore contract: PostgreSQL (skipped: DATABASE_URL is not set)', () => {
    it.todo('runs when DATABASE_URL is set');
  });
}

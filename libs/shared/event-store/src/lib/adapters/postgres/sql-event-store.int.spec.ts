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
  describe.skip('EventStore contract: PostgreSQL (skipped: DATABASE_URL is not set)', () => {
    it.todo('runs when DATABASE_URL is set');
  });
}

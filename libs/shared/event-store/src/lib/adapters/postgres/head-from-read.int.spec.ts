import type { EventToAppend } from '../../port';
import { openEventStore } from '../../open-event-store';
import { SqlEventStore } from './sql-event-store';

const ACTOR = { sub: 'a@la.gov.uk', role: 'commissioner', org: 'LA-A' };

function events(from: number, count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-5000-8000-${String(from + index).padStart(12, '0')}`,
    type: 'Happened',
    data: { index: from + index },
    metadata: { actor: ACTOR, commandId: `c-${from + index}`, correlationId: `c-${from + index}`, recordedAt: '2025-01-10T10:00:00.000Z', schemaVersion: 1 },
  }));
}

/** Counts the statements a store sends, to see the round trips an append takes. */
function counted(store: SqlEventStore): { statements: () => number } {
  const database = store.database;
  const query = database.query.bind(database);
  let statements = 0;
  database.query = ((...args: Parameters<typeof query>) => {
    statements += 1;
    return query(...args);
  }) as typeof database.query;
  return { statements: () => statements };
}

describe('an append after reading its stream to the end (PGlite)', () => {
  let writer: SqlEventStore;
  let commands: SqlEventStore;
  let sent: { statements: () => number };

  beforeAll(async () => {
    writer = (await openEventStore({ kind: 'pglite' })) as SqlEventStore;
    // A second store on the same database knows no head: a process meeting the stream for the first time.
    commands = new SqlEventStore(writer.database);
    await writer.appendToStream('contract-1', events(0, 3), { expectedRevision: 'no_stream' });
    sent = counted(commands);
  });
  afterAll(() => writer?.close());

  it('takes one statement: the head it read stands in for asking the store', async () => {
    const read = await commands.readStream('contract-1');
    const before = sent.statements();
    await commands.appendToStream('contract-1', events(3, 1), { expectedRevision: read.length - 1 });
    expect(sent.statements() - before).toBe(1);
    expect((await writer.readStream('contract-1')).map((event) => event.revision)).toEqual([0, 1, 2, 3]);
  });

  it('is refused as before when another writer moved the stream after the read, appending nothing', async () => {
    const read = await commands.readStream('contract-1');
    await writer.appendToStream('contract-1', events(10, 1), { expectedRevision: read.length - 1 });
    await expect(commands.appendToStream('contract-1', events(20, 1), { expectedRevision: read.length - 1 })).rejects.toMatchObject({ name: 'ConcurrencyError' });
    expect((await writer.readStream('contract-1')).map((event) => (event.data as { index: number }).index)).toEqual([0, 1, 2, 3, 10]);
  });

  it('chains onto the real head when the read was stale but the expected revision is "any"', async () => {
    const read = await commands.readStream('contract-1');
    await writer.appendToStream('contract-1', events(30, 1), { expectedRevision: read.length - 1 });
    await commands.appendToStream('contract-1', events(40, 1), { expectedRevision: 'any' });
    const stream = await writer.readStream('contract-1');
    expect(stream.map((event) => (event.data as { index: number }).index)).toEqual([0, 1, 2, 3, 10, 30, 40]);
    expect(stream[6].metadata.prevHash).toBe(stream[5].metadata.hash);
  });

  it('a read that stops early (maxCount, as of a moment, backwards) leaves the append to ask', async () => {
    for (const options of [{ maxCount: 2 }, { direction: 'backwards' as const }, { asOf: { recordedAt: '2030-01-01T00:00:00.000Z' } }]) {
      const fresh = new SqlEventStore(writer.database);
      const read = await fresh.readStream('contract-1', options);
      expect(read.length).toBeGreaterThan(0);
      const head = (await writer.readStream('contract-1')).length - 1;
      const { statements } = counted(fresh);
      await fresh.appendToStream('contract-1', events(100 + head, 1), { expectedRevision: head });
      expect(statements()).toBe(2);
    }
  });
});

import { eventIdFor, type UnsealedMetadata } from '@ledger/kernel';
import { IdempotencyKeyReusedError, type EventToAppend } from '../port';
import { verifyChain } from '../verify-chain';
import { EVENT_ID_CLAIM_PREFIX, openEsdbEventStore, type EsdbEventStore } from './esdb-event-store';
import { startEsdbStandIn, type EsdbStandIn } from './esdb-stand-in';

/** What only the EventStoreDB adapter does; the shared contract (esdb.int.spec.ts) covers the port. */
describe('EventStoreDB adapter, beyond the shared contract', () => {
  let standIn: EsdbStandIn;
  /** Two processes on one store: each with its own client and its own memory of stream heads. */
  let first: EsdbEventStore;
  let second: EsdbEventStore;
  let run = 0;
  const fresh = (label: string) => `${label}-${++run}`;

  beforeAll(async () => {
    standIn = await startEsdbStandIn();
    first = openEsdbEventStore(standIn.connectionString);
    second = openEsdbEventStore(standIn.connectionString);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await standIn?.stop();
  });

  it('hides system streams and id claims from readers of all', async () => {
    const stream = fresh('hidden');
    await first.appendToStream(stream, [event(`${stream}/c1`, 0)], { expectedRevision: 'no_stream' });
    const all = await first.readAll();
    expect(all.map((e) => e.streamId)).toContain(stream);
    for (const e of all) expect(e.streamId).not.toMatch(new RegExp(`^(\\$|${EVENT_ID_CLAIM_PREFIX})`));
    // The log holds them all the same: the epoch record and one claim per event id.
    expect(standIn.eventCount()).toBe(1 + 2 * all.length);
  });

  it('keeps one hash chain when two processes take turns on a stream, each with a stale head', async () => {
    const stream = fresh('turns');
    const stores = [first, second, first, second, first];
    for (const [revision, store] of stores.entries()) {
      const result = await store.appendToStream(stream, [event(`${stream}/c${revision}`, 0)], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
      expect(result).toMatchObject({ revision, written: true });
    }
    const events = await second.readStream(stream);
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(verifyChain(events)).toBeUndefined();
  });

  // EventStoreDB answers an append of the very ids that follow the expected revision as a success without writing:
  // the adapter must tell that from its own write, since the data may differ.
  const replays: Array<[string, (original: EventToAppend) => EventToAppend, 'original' | 'refused']> = [
    ['the same data is answered with the original result', (original) => ({ ...original, metadata: metadata(original.metadata.commandId, '2025-02-01T00:00:00.000Z') }), 'original'],
    ['other data is refused', (original) => ({ ...original, data: { other: true } }), 'refused'],
  ];
  it.each(replays)('a replay by a process that never read the stream: %s', async (_name, replayed, then) => {
    const stream = fresh('replay');
    const batch = [event(`${stream}/c1`, 0), event(`${stream}/c1`, 1)];
    const original = await first.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    const replay = second.appendToStream(stream, batch.map(replayed), { expectedRevision: 'no_stream' });
    if (then === 'original') await expect(replay).resolves.toEqual({ ...original, written: false });
    else await expect(replay).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await first.streamRevision(stream)).toBe(1);
  });

  it.each([
    ['discovery through one seed', () => `esdb+discover://127.0.0.1:${standIn.port}?tls=false`],
    ['several seeds, one of them not answering', () => `esdb://127.0.0.1:1,127.0.0.1:${standIn.port}?tls=false&gossipTimeout=2`],
  ])('finds the leader through gossip: %s', async (_name, connectionString) => {
    const clustered = openEsdbEventStore(connectionString());
    try {
      const stream = fresh('gossip');
      await clustered.appendToStream(stream, [event(`${stream}/c1`, 0)], { expectedRevision: 'no_stream' });
      expect(await first.streamRevision(stream)).toBe(0);
    } finally {
      await clustered.close();
    }
  });

  it('fails a subscription when the store goes away', async () => {
    const doomed = await startEsdbStandIn();
    const store = openEsdbEventStore(doomed.connectionString);
    try {
      await store.appendToStream('doomed-1', [event('doomed/c1', 0)], { expectedRevision: 'no_stream' });
      const seen: string[] = [];
      const subscription = store.subscribeToAll(async (batch) => {
        seen.push(...batch.map((e) => e.streamId));
      });
      const until = Date.now() + 10_000;
      while (seen.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(seen).toEqual(['doomed-1']);
      await doomed.stop();
      await expect(subscription.done).rejects.toThrow();
    } finally {
      await store.close();
    }
  });
});

function metadata(commandId: string, recordedAt = '2025-01-15T10:00:00.000Z'): UnsealedMetadata {
  return { actor: { sub: 'user-1', role: 'commissioner', org: 'LA-TEST' }, commandId, correlationId: `corr-${commandId}`, recordedAt, schemaVersion: 1 };
}

function event(commandId: string, index: number): EventToAppend {
  return { id: eventIdFor(commandId, index), type: 'Happened', data: { commandId, index }, metadata: metadata(commandId) };
}

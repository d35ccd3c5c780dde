import { eventHash, eventIdFor, GENESIS_HASH, type RecordedEvent, type UnsealedMetadata } from '@ledger/kernel';
import {
  ConcurrencyError,
  IdempotencyKeyReusedError,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
} from '../lib/port';
import { verifyChain } from '../lib/verify-chain';

/**
 * What every EventStore adapter must do, whatever it runs on: PGlite, PostgreSQL, later EventStoreDB.
 * One store serves the whole suite; each test writes its own streams under its own prefix.
 */
export function describeEventStoreContract(name: string, makeStore: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let suite = 0;
    /** A stream prefix no other test (or earlier run against the same store) uses. */
    const fresh = (label: string) => `${label}${Date.now().toString(36)}x${++suite}-`;

    /** Event ids come from command ids, so each test has its own commands too. */
    let token = '';
    const cmd = (command: string) => `${token}/${command}`;
    const event = (command: string, index: number, extraMetadata: Record<string, unknown> = {}) => eventOf(cmd(command), index, extraMetadata);
    beforeEach(() => {
      token = fresh('t');
    });

    beforeAll(async () => {
      store = await makeStore();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('append', () => {
      it('numbers a new stream from revision 0 and gives increasing global positions as decimal strings', async () => {
        const stream = `${fresh('a')}1`;
        const first = await store.appendToStream(stream, [event('c1', 0), event('c1', 1)], { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(stream, [event('c2', 0)], { expectedRevision: 1 });
        expect(first).toMatchObject({ streamId: stream, revision: 1, written: true });
        expect(second).toMatchObject({ streamId: stream, revision: 2, written: true });
        expect(first.globalPosition).toMatch(/^\d+$/);
        expect(BigInt(second.globalPosition)).toBeGreaterThan(BigInt(first.globalPosition));
        const events = await store.readStream(stream);
        expect(events.map((e) => [e.revision, e.id, e.type])).toEqual([
          [0, eventIdFor(cmd('c1'), 0), 'Happened'],
          [1, eventIdFor(cmd('c1'), 1), 'Happened'],
          [2, eventIdFor(cmd('c2'), 0), 'Happened'],
        ]);
        expect(events[1].globalPosition).toBe(first.globalPosition);
        expect(events[2].globalPosition).toBe(second.globalPosition);
        expect(await store.streamRevision(stream)).toBe(2);
        expect(await store.streamRevision(`${stream}-missing`)).toBeUndefined();
      });

      it('keeps data and metadata exactly as JSON gives them back', async () => {
        const stream = `${fresh('a')}1`;
        const data = { text: 'naïve café £12 😀 "quoted" \\ back', nested: { list: [1, 2.5, -3, null, true, { z: 1, a: 2 }] }, big: 9007199254740991, empty: {} };
        await store.appendToStream(stream, [{ ...event('c1', 0), data }], { expectedRevision: 'no_stream' });
        const [stored] = await store.readStream(stream);
        expect(stored.data).toEqual(data);
        expect(stored.metadata).toMatchObject({ ...metadata(cmd('c1')), prevHash: GENESIS_HASH });
      });

      const expectations: Array<[string, boolean, ExpectedRevision, number | 'no_stream' | 'ok']> = [
        // [name, stream exists (at revision 1), expected revision, then]
        ['no_stream on a new stream appends', false, 'no_stream', 'ok'],
        ['no_stream on an existing stream is a conflict', true, 'no_stream', 1],
        ['exists on a new stream is a conflict', false, 'exists', 'no_stream'],
        ['exists on an existing stream appends', true, 'exists', 'ok'],
        ['any on a new stream appends', false, 'any', 'ok'],
        ['any on an existing stream appends', true, 'any', 'ok'],
        ['the last revision appends', true, 1, 'ok'],
        ['an older revision is a conflict', true, 0, 1],
        ['a later revision is a conflict', true, 2, 1],
        ['a revision on a new stream is a conflict', false, 0, 'no_stream'],
      ];
      it.each(expectations)('expected revision: %s', async (_name, exists, expectedRevision, then) => {
        const stream = `${fresh('r')}1`;
        if (exists) await store.appendToStream(stream, [event('g', 0), event('g', 1)], { expectedRevision: 'no_stream' });
        const append = store.appendToStream(stream, [event('w', 0)], { expectedRevision });
        if (then === 'ok') {
          await expect(append).resolves.toMatchObject({ revision: exists ? 2 : 0, written: true });
        } else {
          const error = await append.catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ConcurrencyError);
          expect(error).toMatchObject({ streamId: stream, expected: expectedRevision, actual: then });
          expect(await store.streamRevision(stream)).toBe(exists ? 1 : undefined);
        }
      });

      it('lets only one of two racing appends at the same revision through', async () => {
        const stream = `${fresh('r')}1`;
        await store.appendToStream(stream, [event('g', 0)], { expectedRevision: 'no_stream' });
        const results = await Promise.allSettled(
          ['x', 'y', 'z'].map((command) => store.appendToStream(stream, [event(command, 0)], { expectedRevision: 0 })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
        expect(verifyChain(await store.readStream(stream))).toBeUndefined();
      });
    });

    describe('idempotency (spec section 2, ADR 0003)', () => {
      it('answers a replayed append with the original result and writes nothing, whatever its metadata', async () => {
        const prefix = fresh('i');
        const stream = `${prefix}1`;
        const original = await store.appendToStream(stream, [event('c1', 0), event('c1', 1)], { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, [event('c2', 0)], { expectedRevision: 1 });
        const retried = [event('c1', 0, { later: true }), event('c1', 1, { later: true })];
        // The retry still carries the expected revision of its first attempt, long since passed.
        const replay = await store.appendToStream(stream, retried, { expectedRevision: 'no_stream' });
        expect(replay).toEqual({ ...original, written: false });
        expect(await store.appendToStream(stream, retried, { expectedRevision: 'any' })).toEqual({ ...original, written: false });
        expect(await store.streamRevision(stream)).toBe(2);
        expect(await readAllOnceVisible(store, { streamPrefixes: [prefix] }, 3)).toHaveLength(3);
      });

      it('compares data as canonical JSON, so key order does not matter', async () => {
        const stream = `${fresh('i')}1`;
        const first = await store.appendToStream(stream, [{ ...event('c1', 0), data: { a: 1, b: { c: 2, d: 3 } } }], { expectedRevision: 'no_stream' });
        const again = await store.appendToStream(stream, [{ ...event('c1', 0), data: { b: { d: 3, c: 2 }, a: 1 } }], { expectedRevision: 'no_stream' });
        expect(again).toEqual({ ...first, written: false });
      });

      const reuses: Array<[string, (stream: string) => [string, EventToAppend[]]]> = [
        ['the same id with other data', (stream) => [stream, [{ ...event('c1', 0), data: { n: 'other' } }]]],
        ['the same id with another type', (stream) => [stream, [{ ...event('c1', 0), type: 'Other' }]]],
        ['the same id in another stream', (stream) => [`${stream}-other`, [event('c1', 0)]]],
        ['a batch holding stored and new events', (stream) => [stream, [event('c1', 0), event('c1', 1), event('c1', 2)]]],
        ['one id twice in one append', (stream) => [`${stream}-twice`, [event('c9', 0), event('c9', 0)]]],
      ];
      it.each(reuses)('refuses %s with IdempotencyKeyReusedError and writes nothing', async (_name, when) => {
        const prefix = fresh('i');
        const stream = `${prefix}1`;
        await store.appendToStream(stream, [event('c1', 0), event('c1', 1)], { expectedRevision: 'no_stream' });
        const [target, events] = when(stream);
        await expect(store.appendToStream(target, events, { expectedRevision: 'any' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
        expect(await readAllOnceVisible(store, { streamPrefixes: [prefix] }, 2)).toHaveLength(2);
      });
    });

    describe('hash chain (spec section 2)', () => {
      it('seals each event with the previous hash and its own, across appends, ignoring hashes the caller sent', async () => {
        const stream = `${fresh('h')}1`;
        const forged = { ...event('c1', 0), metadata: { ...metadata(cmd('c1')), prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) } as UnsealedMetadata };
        await store.appendToStream(stream, [forged, event('c1', 1)], { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, [event('c2', 0)], { expectedRevision: 1 });
        const events = await store.readStream(stream);
        let prevHash = GENESIS_HASH;
        for (const e of events) {
          expect(e.metadata.prevHash).toBe(prevHash);
          expect(e.metadata.hash).toBe(eventHash(prevHash, { type: e.type, data: e.data, metadata: { ...e.metadata } }));
          prevHash = e.metadata.hash;
        }
        expect(verifyChain(events)).toBeUndefined();
      });
    });

    describe('reading a stream', () => {
      let stream: string;
      let positions: string[];
      beforeAll(async () => {
        token = fresh('t');
        stream = `${fresh('s')}1`;
        positions = [];
        for (let day = 1; day <= 5; day++) {
          const result = await store.appendToStream(stream, [{ ...event(`d${day}`, 0), metadata: metadata(cmd(`d${day}`), `2025-03-0${day}T12:00:00.000Z`) }], {
            expectedRevision: day === 1 ? 'no_stream' : day - 2,
          });
          positions.push(result.globalPosition);
        }
      });
      const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);

      const reads: Array<[string, () => Parameters<EventStore['readStream']>[1], number[]]> = [
        ['all, forwards', () => ({}), [0, 1, 2, 3, 4]],
        ['forwards from a revision, at most 2', () => ({ fromRevision: 2, maxCount: 2 }), [2, 3]],
        ['backwards from the end', () => ({ direction: 'backwards' }), [4, 3, 2, 1, 0]],
        ['backwards from a revision, at most 2', () => ({ direction: 'backwards', fromRevision: 2, maxCount: 2 }), [2, 1]],
        ['as of an instant, inclusive', () => ({ asOf: { recordedAt: '2025-03-03T12:00:00.000Z' } }), [0, 1, 2]],
        ['as of an instant written with an offset (compared as instants)', () => ({ asOf: { recordedAt: '2025-03-03T13:59:59+02:00' } }), [0, 1]],
        ['as of an instant before the stream', () => ({ asOf: { recordedAt: '2025-01-01T00:00:00Z' } }), []],
        ['as of a global position, inclusive', () => ({ asOf: { position: positions[3] } }), [0, 1, 2, 3]],
        ['backwards as of a global position', () => ({ direction: 'backwards', maxCount: 1, asOf: { position: positions[1] } }), [1]],
      ];
      it.each(reads)('%s', async (_name, options, expected) => {
        expect(revisions(await store.readStream(stream, options()))).toEqual(expected);
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(`${stream}-missing`)).toEqual([]);
      });
    });

    describe('reading all', () => {
      it('reads in global order after a position, at most maxCount, filtered by stream prefix', async () => {
        const prefix = fresh('g');
        const other = fresh('g');
        const appended: string[] = [];
        for (let i = 0; i < 6; i++) {
          const stream = i % 2 === 0 ? `${prefix}even` : `${other}odd`;
          await store.appendToStream(stream, [event(`${prefix}${i}`, 0)], { expectedRevision: i < 2 ? 'no_stream' : 'exists' });
          appended.push(eventIdFor(cmd(`${prefix}${i}`), 0));
        }
        const both = await readAllOnceVisible(store, { streamPrefixes: [prefix, other] }, 6);
        expect(both.map((e) => e.id)).toEqual(appended);
        const positions = both.map((e) => BigInt(e.globalPosition));
        expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(positions);
        const after = await store.readAll({ streamPrefixes: [prefix, other], after: both[1].globalPosition, maxCount: 3 });
        expect(after.map((e) => e.id)).toEqual(appended.slice(2, 5));
        const evens = await store.readAll({ streamPrefixes: [prefix] });
        expect(evens.map((e) => e.id)).toEqual(appended.filter((_, i) => i % 2 === 0));
        expect(await store.readAll({ streamPrefixes: [] })).toEqual([]);
        const everything = await store.readAll({ after: both[0].globalPosition });
        expect(everything[0].globalPosition).toBe(both[1].globalPosition);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, then delivers live appends, in order, in batches, until stopped', async () => {
        const prefix = fresh('sub');
        for (let i = 0; i < 5; i++) await store.appendToStream(`${prefix}1`, [event(`${prefix}${i}`, 0)], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
        const seen: RecordedEvent[] = [];
        const batches: number[] = [];
        const subscription = store.subscribeToAll(
          async (batch) => {
            batches.push(batch.length);
            seen.push(...batch);
          },
          { streamPrefixes: [prefix], batchSize: 2 },
        );
        await until(() => seen.length === 5);
        await store.appendToStream(`${prefix}1`, [event(`${prefix}live`, 0), event(`${prefix}live`, 1)], { expectedRevision: 4 });
        await until(() => seen.length === 7);
        await subscription.stop();
        await expect(subscription.done).resolves.toBeUndefined();
        await store.appendToStream(`${prefix}1`, [event(`${prefix}after`, 0)], { expectedRevision: 6 });
        await sleep(200);
        expect(seen.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
        expect(Math.max(...batches)).toBeLessThanOrEqual(2);
      });

      it('starts after a given position, and fails its done promise when the handler throws', async () => {
        const prefix = fresh('sub');
        const first = await store.appendToStream(`${prefix}1`, [event(`${prefix}a`, 0)], { expectedRevision: 'no_stream' });
        await store.appendToStream(`${prefix}1`, [event(`${prefix}b`, 0)], { expectedRevision: 0 });
        const seen: number[] = [];
        const subscription = store.subscribeToAll(
          async (batch) => {
            seen.push(...batch.map((e) => e.revision));
            throw new Error('projection failed');
          },
          { streamPrefixes: [prefix], after: first.globalPosition },
        );
        await expect(subscription.done).rejects.toThrow('projection failed');
        expect(seen).toEqual([1]);
        await subscription.stop();
      });

      it('never skips an event: 8 concurrent writers of 1,000 events each, tailed live, seen exactly once in position order', async () => {
        const prefix = fresh('w');
        const writers = 8;
        const perWriter = 1_000;
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll(
          async (batch) => {
            seen.push(...batch);
          },
          { streamPrefixes: [prefix], batchSize: 250 },
        );
        await Promise.all(
          Array.from({ length: writers }, async (_, writer) => {
            const streams = [0, 1, 2].map((s) => `${prefix}${writer}-${s}`);
            const revisions = new Map<string, number>();
            let written = 0;
            for (let append = 0; written < perWriter; append++) {
              const size = Math.min(1 + ((writer + append) % 4), perWriter - written);
              const stream = streams[append % streams.length];
              const revision = revisions.get(stream);
              const command = `${prefix}${writer}:${append}`;
              const events = Array.from({ length: size }, (_, index) => event(command, index));
              const result = await store.appendToStream(stream, events, { expectedRevision: revision ?? 'no_stream' });
              revisions.set(stream, result.revision);
              written += size;
            }
          }),
        );
        await until(() => seen.length >= writers * perWriter, 50_000);
        await sleep(100);
        await subscription.stop();
        expect(seen).toHaveLength(writers * perWriter);
        expect(new Set(seen.map((e) => e.id)).size).toBe(writers * perWriter);
        for (let i = 1; i < seen.length; i++) {
          if (BigInt(seen[i].globalPosition) <= BigInt(seen[i - 1].globalPosition)) throw new Error(`out of order at ${i}: ${seen[i - 1].globalPosition} then ${seen[i].globalPosition}`);
        }
        const byStream = new Map<string, number[]>();
        for (const e of seen) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.revision]);
        for (const revisions of byStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
      }, 180_000);
    });
  });
}

function metadata(commandId: string, recordedAt = '2025-01-15T10:00:00.000Z'): UnsealedMetadata {
  return { actor: { sub: 'user-1', role: 'commissioner', org: 'LA-TEST' }, commandId, correlationId: `corr-${commandId}`, recordedAt, schemaVersion: 1 };
}

function eventOf(commandId: string, index: number, extraMetadata: Record<string, unknown> = {}): EventToAppend {
  return {
    id: eventIdFor(commandId, index),
    type: 'Happened',
    data: { commandId, index },
    metadata: { ...metadata(commandId), ...(extraMetadata.later ? { recordedAt: '2025-02-01T00:00:00.000Z', correlationId: 'retry' } : {}) },
  };
}

/**
 * Readers of all see an event once every transaction that could still commit a lower position has ended
 * (ADR 0002): on a shared PostgreSQL cluster that may be a moment after the append returns, never a skip.
 */
async function readAllOnceVisible(store: EventStore, options: ReadAllOptions, count: number): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const events = await store.readAll(options);
    if (events.length >= count || Date.now() > deadline) return events;
    await sleep(25);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

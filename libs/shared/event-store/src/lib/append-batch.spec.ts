import { eventHash, eventIdFor, GENESIS_HASH, type UnsealedMetadata } from '@ledger/kernel';
import { seal, validateBatch } from './append-batch';
import type { EventToAppend } from './port';

const metadata: UnsealedMetadata = {
  actor: { sub: 'user-1', role: 'commissioner', org: 'LA-TEST' },
  commandId: 'c',
  correlationId: 'k',
  recordedAt: '2025-01-15T10:00:00.000Z',
  schemaVersion: 1,
};

class Money {
  constructor(readonly pence: number) {}
}

const appended = (data: unknown): EventToAppend => ({ id: eventIdFor('c', 0), type: 'Happened', data, metadata });

describe('a batch as the store keeps it', () => {
  it.each<[string, unknown]>([
    ['a Date becomes its ISO text', { at: new Date('2025-01-15T10:00:00.000Z') }],
    ['undefined members vanish and undefined in a list becomes null', { kept: 1, gone: undefined, list: [1, undefined] }],
    ['a class instance becomes its members', { fee: new Money(12_000) }],
    ['a non-finite number becomes null', { ratio: Number.NaN }],
    ['plain JSON stays as it is', { text: 'café "quoted"', nested: { list: [1, -2.5, null, true, {}] }, big: 9_007_199_254_740_991 }],
  ])('%s, and is hashed as stored', (_name, data) => {
    const asStored = JSON.parse(JSON.stringify(data)) as unknown;
    const [event] = validateBatch('s-1', [appended(data)], 'no_stream', 10);
    expect(event.data).toEqual(asStored);
    const [sealed] = seal([event], undefined);
    expect(sealed.metadata.hash).toBe(eventHash(GENESIS_HASH, { type: 'Happened', data: asStored, metadata: { ...metadata } }));
  });

  it('refuses data that JSON cannot hold', () => {
    expect(() => validateBatch('s-1', [appended(undefined)], 'no_stream', 10)).toThrow('must be JSON values');
    expect(() => validateBatch('s-1', [appended({ count: 10n })], 'no_stream', 10)).toThrow(TypeError);
  });

  it('seals without the prevHash and hash the caller sent, and leaves the caller metadata alone', () => {
    const sent = { ...metadata, prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) } as UnsealedMetadata;
    const [sealed] = seal(validateBatch('s-1', [{ ...appended({ a: 1 }), metadata: sent }], 'no_stream', 10), { revision: 4, hash: 'a'.repeat(64) });
    expect(sealed.revision).toBe(5);
    expect(sealed.metadata.prevHash).toBe('a'.repeat(64));
    expect(sealed.metadata.hash).toBe(eventHash('a'.repeat(64), { type: 'Happened', data: { a: 1 }, metadata: { ...metadata } }));
    expect(sent).toMatchObject({ prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) });
  });
});

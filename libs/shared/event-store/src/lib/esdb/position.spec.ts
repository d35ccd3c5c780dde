import { decodePosition, encodePosition, type LogPosition } from './position';

const MAX = 2n ** 64n - 1n;

describe('EventStoreDB global positions', () => {
  // In $all order: commit first, then prepare (events of one transaction share their commit position).
  const ordered: LogPosition[] = [
    { commit: 0n, prepare: 0n },
    { commit: 9n, prepare: 5n },
    { commit: 9n, prepare: 9n },
    { commit: 10n, prepare: 10n },
    { commit: 2n ** 53n + 1n, prepare: 2n ** 53n },
    { commit: 2n ** 60n, prepare: 0n },
    { commit: 2n ** 60n, prepare: MAX },
    { commit: MAX, prepare: MAX },
  ];

  it('orders as $all orders, compared as numbers and as plain strings alike', () => {
    const encoded = ordered.map(encodePosition);
    for (let i = 1; i < encoded.length; i++) {
      expect(BigInt(encoded[i])).toBeGreaterThan(BigInt(encoded[i - 1]));
      expect(encoded[i] > encoded[i - 1]).toBe(true);
    }
    for (const position of encoded) expect(position).toMatch(/^\d{39}$/);
  });

  it.each(ordered.map((position) => [`${position.commit}/${position.prepare}`, position]))('gives back commit and prepare: %s', (_name, position) => {
    expect(decodePosition(encodePosition(position))).toEqual(position);
  });

  it('reads a position written without its leading zeros', () => {
    expect(decodePosition('18446744073709551621')).toEqual({ commit: 1n, prepare: 5n });
  });

  it.each(['', '-1', '12a', '1/2', ' 1', (2n ** 128n).toString(), '0'.repeat(40)])('refuses %p', (position) => {
    expect(() => decodePosition(position)).toThrow(TypeError);
  });

  it.each([{ commit: -1n, prepare: 0n }, { commit: 0n, prepare: MAX + 1n }])('refuses to encode %p', (position) => {
    expect(() => encodePosition(position)).toThrow(RangeError);
  });
});

import { addDays, canonicalJson, daysBetween, divideRoundHalfUp, eventIdFor, isValidDate, lastDayOf, londonDate, nextPeriod, uuidV5 } from '../index';

describe('canonical JSON (RFC 8785)', () => {
  it.each([
    ['members sorted by UTF-16 code units', { b: 1, a: 2, é: 3, Z: 4 }, '{"Z":4,"a":2,"b":1,"é":3}'],
    ['undefined members left out', { a: undefined, b: null }, '{"b":null}'],
    ['numbers in ECMAScript form', [1e21, 0.1, -0, 100], '[1e+21,0.1,0,100]'],
    ['strings escaped as JSON', ['a"b\n\u0001'], '["a\\"b\\n\\u0001"]'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('UUID v5 event ids', () => {
  it('matches the RFC 4122 test vector for the DNS namespace', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
  it('gives a retried command the same ids and each index its own', () => {
    expect(eventIdFor('cmd-1', 0)).toBe(eventIdFor('cmd-1', 0));
    expect(eventIdFor('cmd-1', 1)).not.toBe(eventIdFor('cmd-1', 0));
  });
});

describe('business dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-02-30', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
  ])('%s is valid: %s', (date, valid) => expect(isValidDate(date)).toBe(valid));

  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(nextPeriod('2024-12')).toBe('2025-01');
  });

  it.each([
    ['2024-06-30T23:30:00.000Z', '2024-07-01'],
    ['2024-04-30T22:59:00.000Z', '2024-04-30'],
    ['2024-03-31T00:59:59.000Z', '2024-03-31'],
    ['2024-03-31T01:00:00.000Z', '2024-03-31'],
    ['2024-03-30T23:30:00.000Z', '2024-03-30'],
    ['2024-10-26T23:30:00.000Z', '2024-10-27'],
    ['2024-10-27T23:30:00.000Z', '2024-10-27'],
    ['2024-12-31T23:59:59.999Z', '2024-12-31'],
  ])('the London date at %s is %s', (instant, date) => expect(londonDate(Date.parse(instant))).toBe(date));
});

describe('money', () => {
  it.each([
    [1_558_000, 7, 222_571],
    [18_300_000, 7, 2_614_286],
    [7, 14, 1],
    [-7, 14, 0],
    [-8, 14, -1],
  ])('roundHalfUp(%i / %i) = %i', (numerator, denominator, expected) => expect(divideRoundHalfUp(numerator, denominator)).toBe(expected));
});

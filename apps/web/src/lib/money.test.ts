import { describe, expect, it } from 'vitest';
import { formatPence, parsePounds, penceToPoundsInput } from './money';

describe('formatPence', () => {
  it.each([
    [0, '£0.00'],
    [1, '£0.01'],
    [99, '£0.99'],
    [222571, '£2,225.71'],
    [2614286, '£26,142.86'],
    [-363143, '-£3,631.43'],
    [100_000_000_000_000, '£1,000,000,000,000.00'],
    [Number.MAX_SAFE_INTEGER, '£90,071,992,547,409.91'],
  ])('shows %i pence as %s', (pence, text) => {
    expect(formatPence(pence)).toBe(text);
  });

  it.each([0.5, 1.1, Number.NaN, Number.MAX_SAFE_INTEGER + 2])('refuses %s, which is not a whole number of pence', (value) => {
    expect(() => formatPence(value)).toThrow(RangeError);
  });
});

describe('parsePounds', () => {
  it.each([
    ['820', 82000],
    ['820.00', 82000],
    ['£6,100', 610000],
    ['  3631.43 ', 363143],
    ['0.1', 10],
    ['1,234,567.89', 123456789],
  ])('reads %j as %i pence', (text, pence) => {
    expect(parsePounds(text)).toBe(pence);
  });

  it.each(['', 'abc', '1.234', '-5', '1e3', '12,34', '£'])('refuses %j', (text) => {
    expect(parsePounds(text)).toBeUndefined();
  });

  it('gives back what penceToPoundsInput wrote', () => {
    for (const pence of [1, 99, 100, 82000, 11714, 123456789]) expect(parsePounds(penceToPoundsInput(pence))).toBe(pence);
  });
});

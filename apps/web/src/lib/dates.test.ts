import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant, formatPeriod, isDate, lastDayOf, londonDate, nextDay, nextPeriod } from './dates';

describe('dates as GOV.UK writes them', () => {
  it.each([
    ['2024-04-01', '1 April 2024'],
    ['2024-12-31', '31 December 2024'],
    ['2025-02-09', '9 February 2025'],
  ])('%s is %s', (date, text) => {
    expect(formatDate(date)).toBe(text);
  });

  it('leaves anything that is not a date as it came', () => {
    expect(formatDate('soon')).toBe('soon');
  });

  it('names a period by month and year', () => {
    expect(formatPeriod('2024-06')).toBe('June 2024');
  });

  it('shows an instant in UK time, summer time included', () => {
    expect(formatInstant('2024-06-30T23:30:00.000Z')).toBe('1 July 2024 at 00:30:00 UK time');
    expect(formatInstant('2024-01-15T09:00:00Z')).toBe('15 January 2024 at 09:00:00 UK time');
  });
});

describe('the ledger’s today and month arithmetic', () => {
  it('takes the Europe/London date of an instant', () => {
    expect(londonDate(Date.parse('2024-06-30T23:30:00Z'))).toBe('2024-07-01');
    expect(londonDate(Date.parse('2024-12-31T23:30:00Z'))).toBe('2024-12-31');
  });

  it('knows the ends of months and years', () => {
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2023-02')).toBe('2023-02-28');
    expect(nextPeriod('2024-12')).toBe('2025-01');
    expect(nextDay('2024-02-29')).toBe('2024-03-01');
  });

  it('accepts only real calendar dates', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-13-01')).toBe(false);
    expect(isDate('1 April 2024')).toBe(false);
  });
});

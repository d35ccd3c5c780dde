import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '@ledger/kernel';
import { dateOfDay, dayNumber } from './timeline-days';

describe('the fold\'s day arithmetic agrees with the kernel\'s', () => {
  it.each([
    ['the epoch', '1970-01-01', 0],
    ['a leap day', '2024-02-29', 19_782],
    ['the day after a leap day', '2024-03-01', 19_783],
    ['a century that is not leap', '2100-03-01', 47_541],
    ['before the epoch', '1969-12-31', -1],
  ])('%s: %s is day %d', (_name, date, day) => {
    expect(dayNumber(date)).toBe(day);
    expect(dateOfDay(day)).toBe(date);
  });

  it('round-trips every day of four centuries as the kernel does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 125_000 }), (day) => {
        expect(dateOfDay(day)).toBe(fromDayNumber(day));
        expect(dayNumber(fromDayNumber(day))).toBe(toDayNumber(fromDayNumber(day)));
      }),
      { numRuns: 2_000 },
    );
  });
});

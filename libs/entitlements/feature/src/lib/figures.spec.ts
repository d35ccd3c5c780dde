import { averagePence, basisPoints, daysOfCare, lowerMedian } from './figures';

describe('spec section 6 arithmetic', () => {
  it.each([
    { part: 1, whole: 3, then: 3333 },
    { part: 2, whole: 3, then: 6667 },
    { part: 1, whole: 8, then: 1250 },
    // 10000 / 20000 * 1 = 0.5 bp: half rounds up
    { part: 1, whole: 20_000, then: 1 },
    { part: 1, whole: 20_001, then: 0 },
    { part: 0, whole: 5, then: 0 },
    { part: 5, whole: 5, then: 10_000 },
  ])('rates are integer basis points rounded half up: $part of $whole is $then', ({ part, whole, then }) => {
    expect(basisPoints(part, whole)).toBe(then);
  });

  it('a rate is absent when the whole is 0', () => {
    expect(basisPoints(0, 0)).toBeUndefined();
  });

  it.each([
    { values: [7], then: 7 },
    { values: [9, 1, 5], then: 5 },
    { values: [4, 1, 3, 2], then: 2 },
    { values: [10, 20], then: 10 },
    { values: [3, 3, 1, 1], then: 1 },
  ])('a median of an even count is the lower middle value: $values -> $then', ({ values, then }) => {
    expect(lowerMedian(values)).toBe(then);
  });

  it('a median of nothing is absent', () => {
    expect(lowerMedian([])).toBeUndefined();
  });

  it.each([
    { total: 10, count: 4, then: 3 },
    { total: 11, count: 4, then: 3 },
    { total: 5, count: 2, then: 3 },
    { total: 7, count: 2, then: 4 },
  ])('an average of money is pence rounded half up: $total / $count -> $then', ({ total, count, then }) => {
    expect(averagePence(total, count)).toBe(then);
  });

  const contract = { startDate: '2024-04-01', endDate: '2025-03-31' };
  it.each([
    { name: 'an ended placement counts its nights [start, end)', placement: { startDate: '2024-05-10', endDate: '2024-05-20' }, cover: contract, today: '2024-12-01', then: 10 },
    { name: 'an open placement runs to the pinned today', placement: { startDate: '2024-05-10', endDate: null }, cover: contract, today: '2024-05-15', then: 5 },
    { name: 'nights before the contract starts do not count', placement: { startDate: '2024-03-25', endDate: '2024-04-03' }, cover: contract, today: '2024-12-01', then: 2 },
    { name: 'an open placement stops at the night of the contract end', placement: { startDate: '2025-03-30', endDate: null }, cover: contract, today: '2025-06-01', then: 2 },
    { name: 'a terminated contract covers only the days before terminatedOn', placement: { startDate: '2024-06-01', endDate: null }, cover: { ...contract, terminatedOn: '2024-06-11' }, today: '2025-01-01', then: 10 },
    { name: 'a placement starting today has no night yet', placement: { startDate: '2024-07-01', endDate: null }, cover: contract, today: '2024-07-01', then: 0 },
  ])('days of care: $name', ({ placement, cover, today, then }) => {
    expect(daysOfCare(placement, cover, today)).toBe(then);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES_DIR } from '../testing/shared-dir';
import { capped } from './ledger';
import { computeStatements, provisionalStatement } from './statements';
import type { FoldEvent, StatementOptions } from './statement';

/** Example 01: April closed at rev 6 (2024-05-03T09:00Z), PL-1002 ended at rev 7, a payment at rev 8, May closed at rev 9. */
const example01 = readFileSync(join(EXAMPLES_DIR, '01-fees-and-rounding', 'events.ndjson'), 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as FoldEvent);

describe('Reading "as of" a timestamp takes the events with recordedAt <= it (compared as instants); as of a global position, those at positions <= it', () => {
  it.each<[string, StatementOptions, string[], { period: string; asOf: string; paidPence: number }]>([
    [
      'before the April close: no closed statement, April is open',
      { asOf: { recordedAt: '2024-05-03T08:59:59.999Z' }, provisionalThrough: '2024-04-30' },
      [],
      { period: '2024-04', asOf: '2024-05-03T08:59:59.999Z', paidPence: 0 },
    ],
    [
      'at the instant of the April close, written with another offset',
      { asOf: { recordedAt: '2024-05-03T10:00:00+01:00' }, provisionalThrough: '2024-05-31' },
      ['2024-04'],
      { period: '2024-05', asOf: '2024-05-03T10:00:00+01:00', paidPence: 0 },
    ],
    [
      'after the payment: it is in the open month',
      { asOf: { recordedAt: '2024-05-21T00:00:00Z' }, provisionalThrough: '2024-05-31' },
      ['2024-04'],
      { period: '2024-05', asOf: '2024-05-21T00:00:00Z', paidPence: 2_836_857 },
    ],
    [
      'as of a global position: the provisional asOf is the recordedAt of the last event read',
      { asOf: { position: '108' }, provisionalThrough: '2024-05-31' },
      ['2024-04'],
      { period: '2024-05', asOf: '2024-05-20T12:00:00.000Z', paidPence: 2_836_857 },
    ],
    [
      'everything: the open month is June',
      { provisionalThrough: '2024-06-15' },
      ['2024-04', '2024-05'],
      { period: '2024-06', asOf: '2024-06-04T09:00:00.000Z', paidPence: 0 },
    ],
  ])('%s', (_name, options, closedPeriods, provisional) => {
    const { closed, provisional: open } = computeStatements(example01, options);
    expect(closed.map((s) => s.statement.period)).toEqual(closedPeriods);
    expect(open?.statement.status).toBe('provisional');
    expect({ period: open?.statement.period, asOf: open?.statement.asOf, paidPence: open?.statement.totals.paidPence }).toEqual(provisional);
  });
});

describe('A provisional statement through day D counts fee days up to min(D, the last day of the open month)', () => {
  it.each([
    ['through the 15th: 15 nights', '2024-06-15', 15, 175_714],
    ['through the first day: one night', '2024-06-01', 1, 11_714],
    ['through a day after the month: the whole month', '2024-07-20', 30, 351_429],
  ])('%s', (_name, through, days, amountPence) => {
    const { statement } = provisionalStatement(example01, through, 'asked');
    expect(statement.lines).toEqual([
      { type: 'fee', placementId: 'PL-1001', childRef: 'CH-1001', feeCode: 'FOSTER-IFA', days, amountPence, sources: [0, 5] },
    ]);
    expect(statement.asOf).toBe('asked');
  });

  it('hashes the statement without its asOf: the same statement asked at another moment has the same hash', () => {
    expect(provisionalStatement(example01, '2024-06-15', 'one moment').statementHash).toBe(provisionalStatement(example01, '2024-06-15', 'another').statementHash);
  });
});

describe('amountPence = max(0, min(pricePence, perChildCap − childAwarded, contractCap − contractAwarded)); cappedBy names the cap with less room, perChild on a tie', () => {
  it.each([
    ['no caps: the price', {}, 0, 0, { pricePence: 1000, amountPence: 1000 }],
    ['room for the price: no cappedBy', { perChildPence: 5000, contractPence: 5000 }, 4000, 4000, { pricePence: 1000, amountPence: 1000 }],
    ['the per-child cap bites', { perChildPence: 5000, contractPence: 9000 }, 4400, 4400, { pricePence: 1000, amountPence: 600, cappedBy: 'perChild' }],
    ['the contract cap bites', { perChildPence: 5000, contractPence: 9000 }, 0, 8800, { pricePence: 1000, amountPence: 200, cappedBy: 'contract' }],
    ['both equally: perChild', { perChildPence: 5000, contractPence: 9000 }, 4700, 8700, { pricePence: 1000, amountPence: 300, cappedBy: 'perChild' }],
    ['no room: 0, never negative', { contractPence: 9000 }, 0, 9500, { pricePence: 1000, amountPence: 0, cappedBy: 'contract' }],
  ])('%s', (_name, caps, childAwarded, contractAwarded, expected) => {
    expect(capped(1000, caps, childAwarded, contractAwarded)).toEqual(expected);
  });
});

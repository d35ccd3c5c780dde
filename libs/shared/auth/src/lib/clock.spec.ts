import { Clock } from './clock';

describe('Clock (spec section 9)', () => {
  const fixed = Date.parse('2024-06-30T23:30:00.000Z');

  it.each([
    { name: 'the server time when the header is not honoured', honour: false, header: '2020-01-01T00:00:00.000Z', now: { recordedAt: '2024-06-30T23:30:00.000Z', today: '2024-07-01' } },
    { name: 'the server time when no header is sent', honour: true, header: undefined, now: { recordedAt: '2024-06-30T23:30:00.000Z', today: '2024-07-01' } },
    { name: 'X-Ledger-Now verbatim, its London date', honour: true, header: '2024-04-30T22:59:00.000Z', now: { recordedAt: '2024-04-30T22:59:00.000Z', today: '2024-04-30' } },
    { name: 'X-Ledger-Now with an offset, stored in UTC with milliseconds', honour: true, header: '2024-05-01T00:30:00+01:00', now: { recordedAt: '2024-04-30T23:30:00.000Z', today: '2024-05-01' } },
  ])('gives $name', ({ honour, header, now }) => {
    expect(new Clock(honour, () => fixed).now(header)).toEqual(now);
  });

  it('an unreadable X-Ledger-Now is VALIDATION', () => {
    expect(() => new Clock(true, () => fixed).now('tomorrow')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});

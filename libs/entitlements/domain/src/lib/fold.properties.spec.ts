import fc from 'fast-check';
import { firstDayOf, lastDayOf, type IsoDate } from '@ledger/kernel';
import { contractTimeline } from '@ledger/contracts-model';
import { actionArbitrary, contractShapeArbitrary, generateContract, type ContractShape } from '../testing/generated-contract';
import { unitCompletions, durationCodes, unitKeyOf } from './duration';
import { feeTallies } from './fees';
import { EntitlementLedger } from './ledger';
import { computeStatements, foldLedger, provisionalStatement, statementForClose } from './statements';
import type { FoldEvent, StatementLine } from './statement';

const contractArbitrary = fc
  .tuple(contractShapeArbitrary, fc.array(actionArbitrary(4), { minLength: 20, maxLength: 300, size: 'large' }))
  .map(([shape, actions]) => ({ shape, events: generateContract(shape, actions) }));

const RUNS = { numRuns: 40 };

function sum(lines: StatementLine[], types: StatementLine['type'][]): number {
  return lines.filter((line) => types.includes(line.type)).reduce((total, line) => total + line.amountPence, 0);
}

function closesOf(events: FoldEvent[]): Extract<FoldEvent, { type: 'PeriodClosed' }>[] {
  return events.filter((event): event is Extract<FoldEvent, { type: 'PeriodClosed' }> => event.type === 'PeriodClosed');
}

describe('the fold, for every generated contract', () => {
  it('totals equal the sum of their lines, and the running totals add up', () => {
    fc.assert(
      fc.property(contractArbitrary, fc.date({ min: new Date('2024-04-01'), max: new Date('2025-12-31'), noInvalidDate: true }), ({ events }, day) => {
        const through = day.toISOString().slice(0, 10);
        const { closed, provisional } = computeStatements(events, { provisionalThrough: through });
        let earnedToDate = 0;
        let paidToDate = 0;
        for (const { statement } of [...closed, ...(provisional ? [provisional] : [])]) {
          const { lines, totals } = statement;
          expect(totals.feesPence).toBe(sum(lines, ['fee', 'fee-adjustment']));
          expect(totals.outcomesPence).toBe(sum(lines, ['outcome', 'duration']));
          expect(totals.clawbacksPence).toBe(sum(lines, ['clawback', 'duration-clawback']));
          expect(totals.clawbacksPence).toBeLessThanOrEqual(0);
          expect(totals.earnedPence).toBe(sum(lines, ['fee', 'fee-adjustment', 'outcome', 'clawback', 'duration', 'duration-clawback']));
          expect(totals.earnedToDatePence).toBe(earnedToDate + totals.earnedPence);
          expect(totals.paidToDatePence).toBe(paidToDate + totals.paidPence);
          expect(totals.balancePence).toBe(totals.earnedToDatePence - totals.paidToDatePence);
          if (statement.status === 'closed') [earnedToDate, paidToDate] = [totals.earnedToDatePence, totals.paidToDatePence];
        }
      }),
      RUNS,
    );
  });

  it('never awards more than the caps, per child or for the contract, at any close', () => {
    fc.assert(
      fc.property(contractArbitrary, ({ shape, events }) => {
        const { closed } = computeStatements(events);
        const byChild = new Map<string, number>();
        let contract = 0;
        for (const { statement } of closed) {
          for (const line of statement.lines) {
            if (line.type === 'fee' || line.type === 'fee-adjustment') continue;
            if (line.type === 'outcome' || line.type === 'duration') {
              expect(line.amountPence).toBeGreaterThanOrEqual(0);
              expect(line.amountPence).toBeLessThanOrEqual(line.pricePence);
              expect(line.cappedBy !== undefined).toBe(line.amountPence < line.pricePence);
            }
            byChild.set(line.childRef, (byChild.get(line.childRef) ?? 0) + line.amountPence);
            contract += line.amountPence;
          }
          expectWithinCaps(shape, byChild, contract);
        }
      }),
      RUNS,
    );
  });

  it('never changes a closed statement when later events arrive', () => {
    fc.assert(
      fc.property(contractArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), ({ events }, cut) => {
        const prefix = events.slice(0, Math.floor(cut * events.length));
        const early = computeStatements(prefix).closed;
        const late = computeStatements(events).closed;
        expect(late.slice(0, early.length)).toEqual(early);
      }),
      RUNS,
    );
  });

  it('states at each close what statementForClose states from the events before it, as the close recorded', () => {
    fc.assert(
      fc.property(contractArbitrary, ({ events }) => {
        const { closed } = computeStatements(events);
        const closes = closesOf(events);
        expect(closed).toHaveLength(closes.length);
        closes.forEach((close, index) => {
          const stated = statementForClose(events.slice(0, close.revision), close.data.period, close.metadata.recordedAt);
          expect(stated).toEqual(closed[index]);
          expect(close.data.statementHash).toBe(stated.statementHash);
          expect(close.data.totals).toEqual(stated.statement.totals);
        });
      }),
      RUNS,
    );
  });

  it('answers about a stream asked in any order of its prefixes as a fresh fold of each prefix does', () => {
    fc.assert(
      fc.property(contractArbitrary, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), ({ events }, cuts) => {
        for (const cut of cuts) {
          const prefix = events.slice(0, Math.max(1, Math.floor(cut * events.length)));
          const fresh = foldLedger(prefix);
          const period = fresh.openPeriod();
          expect(statementForClose(prefix, period, 'then')).toEqual(fresh.closingStatement(period, 'then'));
          expect(provisionalStatement(prefix, firstDayOf(period), 'then')).toEqual(fresh.provisionalStatement(firstDayOf(period), 'then'));
        }
      }),
      RUNS,
    );
  });

  it('gives the same statements however the reads are interleaved with the events', () => {
    fc.assert(
      fc.property(contractArbitrary, fc.array(fc.nat({ max: 400 }), { maxLength: 30 }), ({ events }, readAt) => {
        const reading = new EntitlementLedger();
        const plain = new EntitlementLedger();
        const reads = new Set(readAt);
        for (const event of events) {
          reading.apply(event);
          plain.apply(event);
          if (reads.has(event.revision)) {
            const open = reading.openPeriod();
            reading.provisionalStatement(lastDayOf(open), 'now');
            reading.provisionalStatement(firstDayOf(open), 'now');
          }
        }
        expect(reading.closed).toEqual(plain.closed);
        const through = lastDayOf(plain.openPeriod());
        expect(reading.provisionalStatement(through, 'now')).toEqual(plain.provisionalStatement(through, 'now'));
      }),
      RUNS,
    );
  });

  it('accounts, after every close, each placement, fee and closed month at exactly its amount recomputed then', () => {
    fc.assert(
      fc.property(contractArbitrary, ({ events }) => {
        const { closed } = computeStatements(events);
        const stated = new Map<string, number>();
        closesOf(events).forEach((close, index) => {
          for (const line of closed[index].statement.lines) {
            if (line.type === 'fee') add(stated, `${line.placementId}|${line.feeCode}|${close.data.period}`, line.amountPence);
            if (line.type === 'fee-adjustment') add(stated, `${line.placementId}|${line.feeCode}|${line.forPeriod}`, line.amountPence);
          }
          const timeline = contractTimeline(events.slice(0, close.revision));
          const recomputed = new Map<string, number>();
          for (const { period } of closesOf(events.slice(0, close.revision + 1)).map((c) => c.data)) {
            for (const placement of timeline.placements()) {
              for (const [feeCode, tally] of feeTallies(timeline, placement, firstDayOf(period), lastDayOf(period))) {
                add(recomputed, `${placement.placementId}|${feeCode}|${period}`, tally.amountPence);
              }
            }
          }
          expect(withoutZeros(stated)).toEqual(withoutZeros(recomputed));
        });
      }),
      RUNS,
    );
  });

  it('has awarded, after every close, exactly the units that count and are completed by the end of its month', () => {
    fc.assert(
      fc.property(contractArbitrary, ({ events }) => {
        const { closed } = computeStatements(events);
        const awarded = new Set<string>();
        closesOf(events).forEach((close, index) => {
          for (const line of closed[index].statement.lines) {
            if (line.type === 'duration') awarded.add(line.unitKey);
            if (line.type === 'duration-clawback') expect(awarded.delete(line.unitKey)).toBe(true);
          }
          expect(awarded).toEqual(countingUnits(events.slice(0, close.revision), lastDayOf(close.data.period)));
        });
      }),
      RUNS,
    );
  });
});

function expectWithinCaps(shape: ContractShape, byChild: Map<string, number>, contract: number): void {
  if (shape.caps.perChildPence !== undefined) {
    for (const awarded of byChild.values()) expect(awarded).toBeLessThanOrEqual(shape.caps.perChildPence);
  }
  if (shape.caps.contractPence !== undefined) expect(contract).toBeLessThanOrEqual(shape.caps.contractPence);
}

function add(map: Map<string, number>, key: string, amountPence: number): void {
  map.set(key, (map.get(key) ?? 0) + amountPence);
}

function withoutZeros(map: Map<string, number>): Map<string, number> {
  return new Map([...map].filter(([, amount]) => amount !== 0));
}

function countingUnits(events: FoldEvent[], through: IsoDate): Set<string> {
  const timeline = contractTimeline(events);
  const keys = new Set<string>();
  for (const childRef of timeline.children()) {
    for (const code of durationCodes(timeline)) {
      const units = unitCompletions(timeline, childRef, code);
      units.days.forEach((day, index) => {
        if (units.counts[index] && day <= dayOf(through)) keys.add(unitKeyOf(childRef, code, index + 1));
      });
    }
  }
  return keys;
}

function dayOf(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

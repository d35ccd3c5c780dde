import fc from 'fast-check';
import { addDays, divideRoundHalfUp, firstDayOf, lastDayOf, nextPeriod, type IsoDate } from '@ledger/kernel';
import { contractTimeline, placementCoversNight, placementTypeOn, type ContractTimeline, type PlacementTimeline } from '@ledger/contracts-model';
import { actionArbitrary, contractShapeArbitrary, generateContract } from '../testing/generated-contract';
import { durationCodes, durationOutcome, unitCompletions } from './duration';
import { feeTallies } from './fees';

/**
 * The fold sums fees and finds units over runs of days. These references walk the days one by one, reading the
 * sentences of spec section 4 literally, and must agree with it on every generated contract.
 */
const timelineArbitrary = fc
  .tuple(contractShapeArbitrary, fc.array(actionArbitrary(3), { minLength: 20, maxLength: 200, size: 'large' }))
  .map(([shape, actions]) => contractTimeline(generateContract(shape, actions)));

function* days(from: IsoDate, to: IsoDate): Generator<IsoDate> {
  for (let day = from, guard = 0; day <= to && guard < 2_000; day = addDays(day, 1), guard++) yield day;
}

/** "For each placement, fee and day d: the day counts when the placement covers night d, the contract covers d, the fee exists in the terms in force on d, and the placement's type on d is in the fee's placementTypes (when given)." */
function referenceFees(timeline: ContractTimeline, placement: PlacementTimeline, from: IsoDate, to: IsoDate): Map<string, { days: number; amountPence: number }> {
  const counted = new Map<string, { days: number; sevenths: number }>();
  for (const day of days(from, to)) {
    if (!placementCoversNight(placement, day) || !timeline.covers(day)) continue;
    for (const fee of timeline.termsOn(day).fees) {
      if (fee.placementTypes && !fee.placementTypes.includes(placementTypeOn(placement, day))) continue;
      const sum = counted.get(fee.code) ?? { days: 0, sevenths: 0 };
      // unitDays is 1 or 7: count in sevenths of a penny, exactly
      counted.set(fee.code, { days: sum.days + 1, sevenths: sum.sevenths + (fee.pricePence * 7) / fee.unitDays });
    }
  }
  return new Map([...counted].map(([code, sum]) => [code, { days: sum.days, amountPence: divideRoundHalfUp(sum.sevenths, 7) }]));
}

/** "A day d qualifies ...; a spell is a maximal run of consecutive qualifying days; a spell that starts on s with the unitDays in force on s completes a unit on each day s + j·unitDays − 1 up to which every day qualifies." */
function referenceUnits(timeline: ContractTimeline, childRef: string, code: string): { completedOn: IsoDate; counts: boolean }[] {
  const units: { completedOn: IsoDate; counts: boolean }[] = [];
  const qualifies = (day: IsoDate): boolean => {
    const outcome = durationOutcome(timeline.termsOn(day), code);
    if (!outcome || !timeline.covers(day)) return false;
    return timeline
      .placementsOfChild(childRef)
      .some((placement) => placementCoversNight(placement, day) && (!outcome.placementTypes || outcome.placementTypes.includes(placementTypeOn(placement, day))));
  };
  let spellStart: IsoDate | undefined;
  let unitDays = 0;
  let run = 0;
  for (const day of days(timeline.startDate as IsoDate, timeline.lastCoveredDay as IsoDate)) {
    if (!qualifies(day)) {
      spellStart = undefined;
      continue;
    }
    if (spellStart === undefined) {
      spellStart = day;
      unitDays = durationOutcome(timeline.termsOn(day), code)?.unitDays ?? 0;
      run = 0;
    }
    run++;
    if (run % unitDays === 0) {
      const max = durationOutcome(timeline.termsOn(day), code)?.maxUnitsPerChild;
      units.push({ completedOn: day, counts: max === undefined || units.length + 1 <= max });
    }
  }
  return units;
}

describe('the fold agrees with a day-by-day reading of spec section 4', () => {
  it('counts fee days and amounts per placement, fee and month as the sentence on fees reads', () => {
    fc.assert(
      fc.property(timelineArbitrary, (timeline) => {
        for (const placement of timeline.placements()) {
          for (let period = '2024-04'; period <= '2025-12'; period = nextPeriod(period)) {
            const from = firstDayOf(period);
            const to = lastDayOf(period);
            expect([placement.placementId, period, feeTallies(timeline, placement, from, to)]).toEqual([placement.placementId, period, referenceFees(timeline, placement, from, to)]);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('finds every child\'s units, their completion days and whether they count, as the sentences on duration outcomes read', () => {
    fc.assert(
      fc.property(timelineArbitrary, (timeline) => {
        for (const childRef of timeline.children()) {
          for (const code of durationCodes(timeline)) {
            const units = unitCompletions(timeline, childRef, code);
            const found = units.days.map((day, index) => ({ completedOn: dateOf(day), counts: units.counts[index] }));
            expect([childRef, code, found]).toEqual([childRef, code, referenceUnits(timeline, childRef, code)]);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

function dateOf(dayNumber: number): IsoDate {
  return addDays('1970-01-01', dayNumber);
}

import { assertPence, divideRoundHalfUp, type IsoDate } from '@ledger/kernel';
import { placementTypeSegments, type ContractTimeline, type PlacementTimeline } from '@ledger/contracts-model';
import { daysInRange } from './days';

export interface FeeTally {
  days: number;
  amountPence: number;
}

/**
 * Spec section 4, Fees: per fee code, the days of `from ..= to` that count for the placement and
 * `roundHalfUp(Σ pricePence(d) / unitDays(d))` over them. Terms and placement types are constant over runs of
 * days, so the sum is taken per run rather than per day.
 */
export function feeTallies(timeline: ContractTimeline, placement: PlacementTimeline, from: IsoDate, to: IsoDate): Map<string, FeeTally> {
  const tallies = new Map<string, FeeTally>();
  const candidate = timeline.candidateDays(placement, from, to);
  if (!candidate) return tallies;
  // per fee code: unitDays -> Σ pricePence over the counted days with that unitDays
  const sums = new Map<string, { days: number; byUnitDays: Map<number, number> }>();
  for (const segment of timeline.termsSegments(candidate.from, candidate.to)) {
    for (const run of placementTypeSegments(placement, segment.from, segment.to)) {
      const days = daysInRange(run.from, run.to);
      for (const fee of segment.version.terms.fees) {
        if (fee.placementTypes && !fee.placementTypes.includes(run.placementType)) continue;
        let sum = sums.get(fee.code);
        if (!sum) sums.set(fee.code, (sum = { days: 0, byUnitDays: new Map() }));
        sum.days += days;
        sum.byUnitDays.set(fee.unitDays, (sum.byUnitDays.get(fee.unitDays) ?? 0) + fee.pricePence * days);
      }
    }
  }
  for (const [code, sum] of sums) tallies.set(code, { days: sum.days, amountPence: roundedQuotient(sum.byUnitDays) });
  return tallies;
}

/** Σ (total / unitDays) over the unit lengths, rounded half up once, exactly in integers over a common denominator. */
function roundedQuotient(byUnitDays: Map<number, number>): number {
  let denominator = 1;
  for (const unitDays of byUnitDays.keys()) denominator = lcm(denominator, unitDays);
  let numerator = 0;
  for (const [unitDays, total] of byUnitDays) numerator += total * (denominator / unitDays);
  return divideRoundHalfUp(assertPence(numerator, 'fee numerator'), denominator);
}

function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return (a / x) * b;
}

import { addDays, daysBetween, divideRoundHalfUp, type IsoDate } from '@ledger/kernel';

/** Spec section 6: `roundHalfUp(10000 · part / whole)`, absent when the whole is 0. */
export function basisPoints(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : divideRoundHalfUp(10_000 * part, whole);
}

/** Spec section 6: the middle value; of an even count, the lower middle one. Absent for no values. */
export function lowerMedian(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Spec section 6: an average of money, in pence rounded half up; absent over nothing. */
export function averagePence(totalPence: number, count: number): number | undefined {
  return count === 0 ? undefined : divideRoundHalfUp(totalPence, count);
}

export interface CareSpan {
  startDate: IsoDate;
  /** Exclusive (the morning the child left); null while the placement is open. */
  endDate: IsoDate | null;
}

export interface ContractCover {
  startDate: IsoDate;
  /** Inclusive. */
  endDate: IsoDate;
  /** The contract covers only the days before it. */
  terminatedOn?: IsoDate;
}

/**
 * Spec section 6: nights of a placement within its contract (`[startDate, endDate)` against the days the contract
 * covers); an open placement runs to `today` (the nights before it).
 */
export function daysOfCare(placement: CareSpan, contract: ContractCover, today: IsoDate): number {
  let end = placement.endDate ?? today;
  const coverEnd = contract.terminatedOn !== undefined && contract.terminatedOn <= contract.endDate ? contract.terminatedOn : addDays(contract.endDate, 1);
  if (coverEnd < end) end = coverEnd;
  const start = placement.startDate > contract.startDate ? placement.startDate : contract.startDate;
  return end > start ? daysBetween(start, end) : 0;
}

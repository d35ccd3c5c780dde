import type { IsoDate } from '@ledger/kernel';
import { dayNumber } from '@ledger/contracts-model';

/** The number of days in `from ..= to`. */
export function daysInRange(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** Strings compared by UTF-16 code units (spec examples README: never by locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stream revisions, sorted ascending, without duplicates. */
export function sortedSources(revisions: Iterable<number>): number[] {
  return [...new Set(revisions)].sort((a, b) => a - b);
}

import type { OutcomeKind, Party, Terms, TermsOutcome } from '@ledger/contracts-model';
import { addDays, canonicalJson, type IsoDate } from '@ledger/kernel';
import { type DomainRejection, rejectWith } from './errors';
import type { ExistingContract, PlacementState } from './state';
import { timelineOf } from './timeline-of';

/**
 * What a decision needs beyond the stream. `framework`: the outcome codes terms may name, with their kind;
 * absent, outcome codes are not checked (a history verified without its framework, spec section 10).
 */
export interface DecideContext {
  framework?: ReadonlyMap<string, OutcomeKind>;
}

export function outcomeOf(terms: Terms, code: string): TermsOutcome | undefined {
  return terms.outcomes.find((outcome) => outcome.code === code);
}

/** Section 3: every outcome code of terms is published (not retired) with the same kind. */
export function checkOutcomeCodes(terms: Terms, context: DecideContext): DomainRejection | undefined {
  if (!context.framework) return undefined;
  for (const outcome of terms.outcomes) {
    const kind = context.framework.get(outcome.code);
    if (kind === undefined) return rejectWith('UNKNOWN_OUTCOME', `${outcome.code} is not a published outcome of the framework`);
    if (kind !== outcome.kind) return rejectWith('UNKNOWN_OUTCOME', `${outcome.code} is a ${kind} outcome in the framework, not ${outcome.kind}`);
  }
  return undefined;
}

/** Placements' nights `[start, end)`, an open end unbounded. */
export function nightsOverlap(aStart: IsoDate, aEnd: IsoDate | null, bStart: IsoDate, bEnd: IsoDate | null): boolean {
  return (bEnd === null || aStart < bEnd) && (aEnd === null || bStart < aEnd);
}

export function overlapsChildPlacement(
  s: ExistingContract,
  childRef: string,
  startDate: IsoDate,
  endDate: IsoDate | null,
  exceptPlacementId?: string,
): PlacementState | undefined {
  return Object.entries(s.placements).find(
    ([id, p]) => id !== exceptPlacementId && p.childRef === childRef && nightsOverlap(startDate, endDate, p.startDate, p.endDate),
  )?.[1];
}

/** A decision on a recorded placement: 404, then `NOT_AGREED` (a terminated contract's placements still change, end and are corrected). */
export function placementIn(s: ExistingContract, placementId: string): PlacementState | DomainRejection {
  const placement = s.placements[placementId];
  if (!placement) return rejectWith('PLACEMENT_NOT_FOUND', `no placement ${placementId}`);
  return requireAgreed(s, false) ?? placement;
}

/**
 * Start and end of a placement against the contract (spec section 4): the start on a covered day, the end from the
 * day after the start to the day after the last covered day.
 */
export function checkPlacementDates(s: ExistingContract, startDate: IsoDate, endDate: IsoDate | null): DomainRejection | undefined {
  const timeline = timelineOf(s);
  if (!timeline.covers(startDate)) return rejectWith('OUTSIDE_TERM', `the contract does not cover ${startDate}`);
  if (endDate !== null) {
    if (endDate <= startDate) return rejectWith('INVALID_DATES', `a placement ends from the day after its start (${startDate})`);
    if (endDate > addDays(timeline.lastCoveredDay, 1)) return rejectWith('OUTSIDE_TERM', `a placement ends by the day after ${timeline.lastCoveredDay}`);
  }
  return undefined;
}

export function otherParty(party: Party): Party {
  return party === 'commissioner' ? 'provider' : 'commissioner';
}

/** `NOT_AGREED` for a draft; `CONTRACT_TERMINATED` only for the commands section 4 closes after termination. */
export function requireAgreed(s: ExistingContract, closedByTermination: boolean): DomainRejection | undefined {
  if (s.status === 'draft') return rejectWith('NOT_AGREED', 'the contract is not agreed yet');
  if (s.status === 'terminated' && closedByTermination) return rejectWith('CONTRACT_TERMINATED', `the contract was terminated on ${s.terminatedOn}`);
  return undefined;
}

/** Equal as canonical JSON: the test of an identical retry (spec section 7). */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

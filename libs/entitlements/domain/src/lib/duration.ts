import { fromDayNumber, toDayNumber, type IsoDate } from '@ledger/kernel';
import {
  placementTypeSegments,
  type ContractTimeline,
  type DurationDefinition,
  type TermsOutcome,
  type Terms,
} from '@ledger/contracts-model';

export type DurationOutcome = Extract<TermsOutcome, DurationDefinition>;

export function durationOutcome(terms: Terms, code: string): DurationOutcome | undefined {
  const outcome = terms.outcomes.find((candidate) => candidate.code === code);
  return outcome?.kind === 'duration' ? outcome : undefined;
}

/** Every code that is a duration outcome in some terms version that has been in force. */
export function durationCodes(timeline: ContractTimeline): string[] {
  const codes = new Set<string>();
  for (const version of timeline.versions()) {
    for (const outcome of version.terms.outcomes) if (outcome.kind === 'duration') codes.add(outcome.code);
  }
  return [...codes];
}

/**
 * Spec section 4, Duration outcomes: the completion days of the child's units of `code`, unit `k` at index
 * `k - 1`, over the whole contract (a caller takes those completed by its day). Spells never overlap, so the
 * order of completion is the order of the days.
 */
export function unitCompletions(timeline: ContractTimeline, childRef: string, code: string): IsoDate[] {
  const startDate = timeline.startDate;
  const lastCovered = timeline.lastCoveredDay;
  if (startDate === undefined || lastCovered === undefined) return [];
  const qualifying: { from: number; to: number }[] = [];
  for (const placement of timeline.placementsOfChild(childRef)) {
    const candidate = timeline.candidateDays(placement, startDate, lastCovered);
    if (!candidate) continue;
    for (const segment of timeline.termsSegments(candidate.from, candidate.to)) {
      const outcome = durationOutcome(segment.version.terms, code);
      if (!outcome) continue;
      for (const run of placementTypeSegments(placement, segment.from, segment.to)) {
        if (outcome.placementTypes && !outcome.placementTypes.includes(run.placementType)) continue;
        qualifying.push({ from: toDayNumber(run.from), to: toDayNumber(run.to) });
      }
    }
  }
  qualifying.sort((a, b) => a.from - b.from);
  const completions: IsoDate[] = [];
  let index = 0;
  while (index < qualifying.length) {
    // A spell: consecutive qualifying days, whichever placement covers them.
    const start = qualifying[index].from;
    let end = qualifying[index].to;
    index++;
    while (index < qualifying.length && qualifying[index].from <= end + 1) {
      end = Math.max(end, qualifying[index].to);
      index++;
    }
    const startDay = fromDayNumber(start);
    const outcome = durationOutcome(timeline.termsOn(startDay), code);
    if (!outcome) continue;
    for (let completion = start + outcome.unitDays - 1; completion <= end; completion += outcome.unitDays) {
      completions.push(fromDayNumber(completion));
    }
  }
  return completions;
}

/** Unit `k` counts when `k <= maxUnitsPerChild` of the terms in force on its completion day. */
export function unitCounts(timeline: ContractTimeline, code: string, k: number, completedOn: IsoDate): boolean {
  const outcome = durationOutcome(timeline.termsOn(completedOn), code);
  return outcome !== undefined && (outcome.maxUnitsPerChild === undefined || k <= outcome.maxUnitsPerChild);
}

export function unitKeyOf(childRef: string, code: string, k: number): string {
  return `${childRef}/${code}/${k}`;
}


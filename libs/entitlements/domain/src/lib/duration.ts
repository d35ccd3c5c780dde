import {
  dayNumber,
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
 * A child's units of one outcome: unit `k` completes on day number `days[k - 1]` and counts when
 * `counts[k - 1]` (`k <= maxUnitsPerChild` of the terms in force that day). Day numbers keep the fold
 * from building dates for every unit at every close.
 */
export interface ChildUnits {
  days: number[];
  counts: boolean[];
}

interface QualifyingRun {
  from: number;
  to: number;
  unitDays: number;
  maxUnits: number;
}

/**
 * Spec section 4, Duration outcomes: the child's units of `code` over the whole contract (a caller takes those
 * completed by its day). Spells never overlap, so the order of completion is the order of the days.
 */
export function unitCompletions(timeline: ContractTimeline, childRef: string, code: string): ChildUnits {
  const units: ChildUnits = { days: [], counts: [] };
  const startDate = timeline.startDate;
  const lastCovered = timeline.lastCoveredDay;
  if (startDate === undefined || lastCovered === undefined) return units;
  const runs: QualifyingRun[] = [];
  for (const placement of timeline.placementsOfChild(childRef)) {
    const candidate = timeline.candidateDays(placement, startDate, lastCovered);
    if (!candidate) continue;
    for (const segment of timeline.termsSegments(candidate.from, candidate.to)) {
      const outcome = durationOutcome(segment.version.terms, code);
      if (!outcome) continue;
      for (const run of placementTypeSegments(placement, segment.from, segment.to)) {
        if (outcome.placementTypes && !outcome.placementTypes.includes(run.placementType)) continue;
        runs.push({
          from: dayNumber(run.from),
          to: dayNumber(run.to),
          unitDays: outcome.unitDays,
          maxUnits: outcome.maxUnitsPerChild ?? Infinity,
        });
      }
    }
  }
  runs.sort((a, b) => a.from - b.from);
  let index = 0;
  while (index < runs.length) {
    // A spell: consecutive qualifying days, whichever placement covers them; its unit length is the one in
    // force on its first day.
    const first = index;
    const start = runs[index].from;
    let end = runs[index].to;
    index++;
    while (index < runs.length && runs[index].from <= end + 1) {
      end = Math.max(end, runs[index].to);
      index++;
    }
    // The first run (by start) ending on or after a day holds that day, so one pointer finds each unit's terms.
    let holding = first;
    for (let completion = start + runs[first].unitDays - 1; completion <= end; completion += runs[first].unitDays) {
      while (runs[holding].to < completion) holding++;
      units.days.push(completion);
      units.counts.push(units.days.length <= runs[holding].maxUnits);
    }
  }
  return units;
}

export function unitKeyOf(childRef: string, code: string, k: number): string {
  return `${childRef}/${code}/${k}`;
}

import { maxDate, minDate, type IsoDate } from '@ledger/kernel';
import { assertNever, type ContractEventData, type ContractEventType } from './events';
import type { PlacementType, Terms } from './terms';
import { shiftDate } from './timeline-days';

/**
 * The contract timeline of spec section 4: which terms are in force on a day, which days the contract covers,
 * and where each placement stands on a day. The deciders and the fold ask the same questions, so they share
 * one answer. Only the fields every stored event carries are needed (export lines have no `id`).
 */
export type TimelineEvent = { [T in ContractEventType]: { type: T; data: ContractEventData[T]; revision: number } }[ContractEventType];

/** One set of terms and the events that put it in force (spec examples README, `sources`). */
export interface TermsVersion {
  terms: Terms;
  /** Absent for the original terms (the `ContractDrafted` or the last `ContractTermsAmended`). */
  variationId?: string;
  effectiveFrom?: IsoDate;
  sources: number[];
}

/** A run of days `from ..= to` with one terms version in force. */
export interface TermsSegment {
  from: IsoDate;
  to: IsoDate;
  version: TermsVersion;
}

export interface PlacementChange {
  changedOn: IsoDate;
  placementType: PlacementType;
  revision: number;
}

export interface PlacementTimeline {
  placementId: string;
  childRef: string;
  startDate: IsoDate;
  /** First night not covered; `null` while open. */
  endDate: IsoDate | null;
  /** The type given at the start, before any change. */
  placementType: PlacementType;
  /** Sorted by `changedOn`, stream order within a day, so the last applicable one wins. */
  changes: PlacementChange[];
  /** Every event of the placement so far, in stream order. */
  revisions: number[];
}

/** A run of nights `from ..= to` with one placement type. */
export interface PlacementTypeSegment {
  from: IsoDate;
  to: IsoDate;
  placementType: PlacementType;
}

interface AcceptedVariation extends TermsVersion {
  effectiveFrom: IsoDate;
  acceptedIndex: number;
}

interface ProposedVariation {
  effectiveFrom: IsoDate;
  terms: Terms;
  endDate?: IsoDate;
  revision: number;
}

export class ContractTimeline {
  contractId: string | undefined;
  startDate: IsoDate | undefined;
  terminatedOn: IsoDate | undefined;
  terminatedRevision: number | undefined;
  private original: TermsVersion | undefined;
  private originalEndDate: IsoDate | undefined;
  private variationEndDate: IsoDate | undefined;
  private readonly proposed = new Map<string, ProposedVariation>();
  private readonly accepted: AcceptedVariation[] = [];
  private readonly placementsById = new Map<string, PlacementTimeline>();
  private readonly placementsByChild = new Map<string, PlacementTimeline[]>();
  /** Versions in force from their `effectiveFrom`, sorted; rebuilt lazily after an acceptance. */
  private effective: AcceptedVariation[] | undefined;

  apply(event: TimelineEvent): void {
    switch (event.type) {
      case 'ContractDrafted':
        this.contractId = event.data.contractId;
        this.startDate = event.data.startDate;
        this.originalEndDate = event.data.endDate;
        this.original = { terms: event.data.terms, sources: [event.revision] };
        return;
      case 'ContractTermsAmended':
        this.original = { terms: event.data.terms, sources: [event.revision] };
        if (event.data.endDate !== undefined) this.originalEndDate = event.data.endDate;
        return;
      case 'VariationProposed':
        this.proposed.set(event.data.variationId, {
          effectiveFrom: event.data.effectiveFrom,
          terms: event.data.terms,
          endDate: event.data.endDate,
          revision: event.revision,
        });
        return;
      case 'VariationAccepted': {
        const proposal = this.proposed.get(event.data.variationId);
        if (!proposal) return;
        this.accepted.push({
          terms: proposal.terms,
          variationId: event.data.variationId,
          effectiveFrom: proposal.effectiveFrom,
          sources: [proposal.revision, event.revision],
          acceptedIndex: this.accepted.length,
        });
        if (proposal.endDate !== undefined) this.variationEndDate = proposal.endDate;
        this.effective = undefined;
        return;
      }
      case 'ContractTerminated':
        this.terminatedOn = event.data.terminatedOn;
        this.terminatedRevision = event.revision;
        return;
      case 'PlacementStarted': {
        const placement: PlacementTimeline = {
          placementId: event.data.placementId,
          childRef: event.data.childRef,
          startDate: event.data.startDate,
          endDate: event.data.endDate ?? null,
          placementType: event.data.placementType,
          changes: [],
          revisions: [event.revision],
        };
        this.placementsById.set(placement.placementId, placement);
        const ofChild = this.placementsByChild.get(placement.childRef);
        if (ofChild) ofChild.push(placement);
        else this.placementsByChild.set(placement.childRef, [placement]);
        return;
      }
      case 'PlacementChanged': {
        const placement = this.placementsById.get(event.data.placementId);
        if (!placement) return;
        const change = { changedOn: event.data.changedOn, placementType: event.data.placementType, revision: event.revision };
        // Insert after every change on or before that day: on one day the later change wins.
        let at = placement.changes.length;
        while (at > 0 && placement.changes[at - 1].changedOn > change.changedOn) at--;
        placement.changes.splice(at, 0, change);
        placement.revisions.push(event.revision);
        return;
      }
      case 'PlacementEnded': {
        const placement = this.placementsById.get(event.data.placementId);
        if (!placement) return;
        placement.endDate = event.data.endDate;
        placement.revisions.push(event.revision);
        return;
      }
      case 'PlacementDatesCorrected': {
        const placement = this.placementsById.get(event.data.placementId);
        if (!placement) return;
        placement.startDate = event.data.startDate;
        placement.endDate = event.data.endDate;
        placement.revisions.push(event.revision);
        return;
      }
      case 'ContractSigned':
      case 'ContractAgreed':
      case 'VariationDeclined':
      case 'MeasurementRecorded':
      case 'OutcomeClaimed':
      case 'OutcomeVerified':
      case 'OutcomeRejected':
      case 'OutcomeReversed':
      case 'PaymentRecorded':
      case 'PeriodClosed':
        return;
      default:
        assertNever(event);
    }
  }

  /** The original terms, or of the most recently accepted variation that set one (spec section 4, Dates). */
  get endDate(): IsoDate | undefined {
    return this.variationEndDate ?? this.originalEndDate;
  }

  /** The last day the contract covers: its `endDate`, or the day before `terminatedOn` once terminated. */
  get lastCoveredDay(): IsoDate | undefined {
    const endDate = this.endDate;
    if (endDate === undefined) return undefined;
    return this.terminatedOn === undefined ? endDate : minDate(endDate, shiftDate(this.terminatedOn, -1));
  }

  covers(day: IsoDate): boolean {
    const last = this.lastCoveredDay;
    return this.startDate !== undefined && last !== undefined && this.startDate <= day && day <= last;
  }

  /** Terms in force on `day`: the accepted variation with the greatest `effectiveFrom <= day` (ties: accepted later), else the original. */
  termsVersionOn(day: IsoDate): TermsVersion {
    const effective = this.effectiveVariations();
    const after = firstEffectiveAfter(effective, day);
    return after === 0 ? this.originalVersion() : effective[after - 1];
  }

  termsOn(day: IsoDate): Terms {
    return this.termsVersionOn(day).terms;
  }

  /** The terms versions in force over `from ..= to`, as consecutive runs. */
  termsSegments(from: IsoDate, to: IsoDate): TermsSegment[] {
    if (from > to) return [];
    const effective = this.effectiveVariations();
    const segments: TermsSegment[] = [];
    let start = from;
    let index = firstEffectiveAfter(effective, from);
    let version = index === 0 ? this.originalVersion() : effective[index - 1];
    for (; index < effective.length; index++) {
      const next = effective[index];
      if (next.effectiveFrom > to) break;
      segments.push({ from: start, to: shiftDate(next.effectiveFrom, -1), version });
      start = next.effectiveFrom;
      version = next;
    }
    segments.push({ from: start, to, version });
    return segments;
  }

  /** Every version that has been in force on some day: the original terms and every accepted variation. */
  versions(): TermsVersion[] {
    return this.original ? [this.original, ...this.accepted] : [...this.accepted];
  }

  placement(placementId: string): PlacementTimeline | undefined {
    return this.placementsById.get(placementId);
  }

  placements(): IterableIterator<PlacementTimeline> {
    return this.placementsById.values();
  }

  placementsOfChild(childRef: string): readonly PlacementTimeline[] {
    return this.placementsByChild.get(childRef) ?? [];
  }

  children(): IterableIterator<string> {
    return this.placementsByChild.keys();
  }

  /** The days `from ..= to` on which `placement` covers the night and the contract covers the day, if any. */
  candidateDays(placement: PlacementTimeline, from: IsoDate, to: IsoDate): { from: IsoDate; to: IsoDate } | undefined {
    const last = this.lastCoveredDay;
    if (this.startDate === undefined || last === undefined) return undefined;
    let end = minDate(to, last);
    if (placement.endDate !== null) end = minDate(end, shiftDate(placement.endDate, -1));
    const start = maxDate(maxDate(from, this.startDate), placement.startDate);
    return start <= end ? { from: start, to: end } : undefined;
  }

  private originalVersion(): TermsVersion {
    if (!this.original) throw new Error('the contract has not been drafted');
    return this.original;
  }

  /** One version per distinct `effectiveFrom`, the one accepted last, sorted by `effectiveFrom`. */
  private effectiveVariations(): AcceptedVariation[] {
    if (!this.effective) {
      const sorted = [...this.accepted].sort((a, b) =>
        a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.acceptedIndex - b.acceptedIndex,
      );
      this.effective = sorted.filter((v, i) => i === sorted.length - 1 || sorted[i + 1].effectiveFrom !== v.effectiveFrom);
    }
    return this.effective;
  }
}

/** The index of the first variation taking effect after `day` (sorted by `effectiveFrom`). */
function firstEffectiveAfter(effective: readonly AcceptedVariation[], day: IsoDate): number {
  let low = 0;
  let high = effective.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (effective[mid].effectiveFrom <= day) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function contractTimeline(events: Iterable<TimelineEvent>): ContractTimeline {
  const timeline = new ContractTimeline();
  for (const event of events) timeline.apply(event);
  return timeline;
}

/** A placement covers the nights `[startDate, endDate)`. */
export function placementCoversNight(placement: PlacementTimeline, day: IsoDate): boolean {
  return placement.startDate <= day && (placement.endDate === null || day < placement.endDate);
}

/**
 * The placement's type on `day`: its latest change on or before that day, else the type it started with. Changes
 * sorted by `changedOn`, so that on one day the last one wins (as a timeline and an import's placements hold them).
 */
export function placementTypeOn(
  placement: { placementType: PlacementType; changes: readonly Pick<PlacementChange, 'changedOn' | 'placementType'>[] },
  day: IsoDate,
): PlacementType {
  let type = placement.placementType;
  for (const change of placement.changes) {
    if (change.changedOn > day) break;
    type = change.placementType;
  }
  return type;
}

/** The placement's types over `from ..= to`, as consecutive runs. */
export function placementTypeSegments(placement: PlacementTimeline, from: IsoDate, to: IsoDate): PlacementTypeSegment[] {
  if (from > to) return [];
  const segments: PlacementTypeSegment[] = [];
  let start = from;
  let type = placementTypeOn(placement, from);
  for (const change of placement.changes) {
    if (change.changedOn <= from) continue;
    if (change.changedOn > to) break;
    if (change.changedOn === start) type = change.placementType;
    else if (change.placementType !== type) {
      segments.push({ from: start, to: shiftDate(change.changedOn, -1), placementType: type });
      start = change.changedOn;
      type = change.placementType;
    }
  }
  segments.push({ from: start, to, placementType: type });
  return segments;
}

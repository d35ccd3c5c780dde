import { firstDayOf, hashOfCanonical, lastDayOf, minDate, nextPeriod, periodOf, type IsoDate, type Period } from '@ledger/kernel';
import { assertNever, ContractTimeline, type Caps, type PlacementTimeline } from '@ledger/contracts-model';
import { compareText, sortedSources } from './days';
import { dateOfDay, dayNumber, shiftDate } from '@ledger/contracts-model';
import { durationCodes, durationOutcome, unitCompletions, unitKeyOf, type ChildUnits } from './duration';
import { feeTallies, type FeeTally } from './fees';
import type {
  CappedBy,
  ClawbackLine,
  DurationClawbackLine,
  DurationLine,
  FeeAdjustmentLine,
  FeeLine,
  FoldEvent,
  HashedStatement,
  OutcomeLine,
  Statement,
  StatementLine,
  StatementTotals,
} from './statement';

interface ClaimRecord {
  placementId: string;
  childRef: string;
  outcomeCode: string;
  achievedOn: IsoDate;
  revision: number;
  verified?: { revision: number; amountPence: number };
}

interface AwardedUnit {
  unitKey: string;
  childRef: string;
  outcomeCode: string;
  k: number;
  completedOn: IsoDate;
  amountPence: number;
  sources: number[];
  forPeriod: Period;
  closeRevision: number;
}

interface Accounted {
  amountPence: number;
  /** The closes whose statements stated an amount for it. */
  closeRevisions: number[];
}

/** An event that can take an awarded unit away; without `childRef` it concerns every child. */
interface UnitLoss {
  revisions: number[];
  childRef?: string;
}

interface CountingUnit {
  unitKey: string;
  childRef: string;
  outcomeCode: string;
  k: number;
  completedOn: IsoDate;
}

/** What a statement changes once its close is recorded. */
interface StatementEffects {
  feeLines: FeeLine[];
  adjustments: FeeAdjustmentLine[];
  clawedUnits: DurationClawbackLine[];
  newUnits: (CountingUnit & { amountPence: number; sources: number[] })[];
  childAwarded: Map<string, number>;
  contractAwarded: number;
}

export interface VerificationPrice {
  pricePence: number;
  amountPence: number;
  cappedBy?: CappedBy;
}

/**
 * The one money fold (spec section 5): a contract's events, applied in stream order, to its statements. Each
 * `PeriodClosed` settles the statement computed from the events before it; between closes the fold can state
 * what a close, a provisional read or a verification would fix now.
 */
export class EntitlementLedger {
  /**
   * @param keepsStatements false when only the state after the events matters (a verification's price, the
   * next close): the closes still settle awards and accounted fees, but their statements are not hashed or kept.
   */
  constructor(private readonly keepsStatements = true) {}

  readonly timeline = new ContractTimeline();
  readonly closed: HashedStatement[] = [];
  private readonly claims = new Map<string, ClaimRecord>();
  private readonly childAwarded = new Map<string, number>();
  private contractAwarded = 0;
  /** childRef, NUL, outcomeCode -> k -> the unit awarded and not clawed back. */
  private readonly awarded = new Map<string, Map<number, AwardedUnit>>();
  /** placementId, NUL, period -> feeCode -> what the statements so far gave for it. */
  private readonly accounted = new Map<string, Map<string, Accounted>>();
  private readonly closedPeriods: Period[] = [];
  private outcomeLines: OutcomeLine[] = [];
  private clawbackLines: ClawbackLine[] = [];
  private paidPence = 0;
  private earnedToDatePence = 0;
  private paidToDatePence = 0;
  private readonly losses: UnitLoss[] = [];
  private lastRecordedAt: string | undefined;
  /**
   * Right after a close every closed fee amount equals its recomputation, so a later statement need only
   * recompute the placements with events since then, and every placement on the days from which contract-wide
   * terms or coverage changed since then.
   */
  private readonly placementsChanged = new Set<string>();
  private contractChangedFrom: IsoDate | undefined;
  /** Bumped by every contract-wide change, so cached duration units know when they are stale. */
  private globalEpoch = 0;
  private readonly childEpochs = new Map<string, number>();
  private readonly unitCache = new Map<string, { globalEpoch: number; childEpoch: number; units: Map<string, ChildUnits> }>();
  private sortedPlacements: PlacementTimeline[] | undefined;

  apply(event: FoldEvent): void {
    const endDateBefore = this.timeline.endDate;
    this.timeline.apply(event);
    this.lastRecordedAt = event.metadata.recordedAt;
    switch (event.type) {
      case 'ContractDrafted':
      case 'ContractTermsAmended':
        this.contractChanged(this.timeline.startDate as IsoDate);
        return;
      case 'VariationAccepted': {
        const version = this.timeline.versions().find((v) => v.variationId === event.data.variationId);
        if (!version?.effectiveFrom) return;
        this.losses.push({ revisions: version.sources });
        const endDateAfter = this.timeline.endDate as IsoDate;
        const endDateEarlier = endDateBefore === undefined || endDateAfter < endDateBefore ? endDateAfter : endDateBefore;
        this.contractChanged(endDateBefore === endDateAfter ? version.effectiveFrom : minDate(version.effectiveFrom, shiftDate(endDateEarlier, 1)));
        return;
      }
      case 'ContractTerminated':
        this.losses.push({ revisions: [event.revision] });
        this.contractChanged(event.data.terminatedOn);
        return;
      case 'PlacementStarted':
        this.sortedPlacements = undefined;
        this.placementEvent(event.data.placementId, event.revision);
        return;
      case 'PlacementChanged':
      case 'PlacementEnded':
      case 'PlacementDatesCorrected':
        this.placementEvent(event.data.placementId, event.revision);
        return;
      case 'OutcomeClaimed':
        this.claims.set(event.data.claimId, {
          placementId: event.data.placementId,
          childRef: event.data.childRef,
          outcomeCode: event.data.outcomeCode,
          achievedOn: event.data.achievedOn,
          revision: event.revision,
        });
        return;
      case 'OutcomeVerified': {
        const claim = this.claimOf(event.data.claimId);
        claim.verified = { revision: event.revision, amountPence: event.data.amountPence };
        this.award(claim.childRef, event.data.amountPence);
        const line: OutcomeLine = {
          type: 'outcome',
          claimId: event.data.claimId,
          placementId: claim.placementId,
          childRef: claim.childRef,
          outcomeCode: claim.outcomeCode,
          pricePence: event.data.pricePence,
          amountPence: event.data.amountPence,
          sources: [claim.revision, event.revision],
        };
        if (event.data.cappedBy !== undefined) line.cappedBy = event.data.cappedBy;
        this.outcomeLines.push(line);
        return;
      }
      case 'OutcomeReversed': {
        const claim = this.claimOf(event.data.claimId);
        if (!claim.verified) throw new Error(`claim ${event.data.claimId} reversed but never verified`);
        this.award(claim.childRef, negate(claim.verified.amountPence));
        this.clawbackLines.push({
          type: 'clawback',
          claimId: event.data.claimId,
          placementId: claim.placementId,
          childRef: claim.childRef,
          outcomeCode: claim.outcomeCode,
          amountPence: negate(claim.verified.amountPence),
          sources: [claim.revision, claim.verified.revision, event.revision],
        });
        return;
      }
      case 'PaymentRecorded':
        this.paidPence += event.data.direction === 'toProvider' ? event.data.amountPence : negate(event.data.amountPence);
        return;
      case 'PeriodClosed': {
        const period = event.data.period;
        const { statement, effects } = this.compute(period, lastDayOf(period), 'closed', event.metadata.recordedAt);
        this.commit(period, event.revision, statement.totals, effects);
        if (this.keepsStatements) this.closed.push(hashedStatement(statement));
        return;
      }
      case 'ContractSigned':
      case 'ContractAgreed':
      case 'VariationProposed':
      case 'VariationDeclined':
      case 'MeasurementRecorded':
      case 'OutcomeRejected':
        return;
      default:
        assertNever(event);
    }
  }

  /** The open period: the month after the last close, else the month of `startDate`. */
  openPeriod(): Period {
    const last = this.closedPeriods[this.closedPeriods.length - 1];
    if (last !== undefined) return nextPeriod(last);
    if (this.timeline.startDate === undefined) throw new Error('the contract has not been drafted');
    return periodOf(this.timeline.startDate);
  }

  /** What a close of `period` recorded at `recordedAt` would state now. */
  closingStatement(period: Period, recordedAt: string): HashedStatement {
    return hashedStatement(this.compute(period, lastDayOf(period), 'closed', recordedAt).statement);
  }

  /** The open period's statement through `through` (fee days and unit completions up to the month's end at most). */
  provisionalStatement(through: IsoDate, asOf?: string): HashedStatement {
    const period = this.openPeriod();
    const last = lastDayOf(period);
    const asOfText = asOf ?? this.lastRecordedAt;
    if (asOfText === undefined) throw new Error('no events read');
    return hashedStatement(this.compute(period, through < last ? through : last, 'provisional', asOfText).statement);
  }

  /** Spec section 4, Verification: the price and the caps of the terms in force on `achievedOn`, the room left now. */
  priceVerification(claimId: string): VerificationPrice {
    const claim = this.claimOf(claimId);
    const terms = this.timeline.termsOn(claim.achievedOn);
    const outcome = terms.outcomes.find((candidate) => candidate.code === claim.outcomeCode);
    if (!outcome) throw new Error(`outcome ${claim.outcomeCode} is not in the terms in force on ${claim.achievedOn}`);
    return capped(outcome.pricePence, terms.caps, this.childAwarded.get(claim.childRef) ?? 0, this.contractAwarded);
  }

  private contractChanged(from: IsoDate): void {
    this.contractChangedFrom = this.contractChangedFrom === undefined ? from : minDate(this.contractChangedFrom, from);
    this.globalEpoch++;
  }

  private placementEvent(placementId: string, revision: number): void {
    this.placementsChanged.add(placementId);
    const placement = this.timeline.placement(placementId);
    if (!placement) return;
    this.childEpochs.set(placement.childRef, (this.childEpochs.get(placement.childRef) ?? 0) + 1);
    this.losses.push({ revisions: [revision], childRef: placement.childRef });
  }

  private claimOf(claimId: string): ClaimRecord {
    const claim = this.claims.get(claimId);
    if (!claim) throw new Error(`unknown claim ${claimId}`);
    return claim;
  }

  private award(childRef: string, amountPence: number): void {
    this.childAwarded.set(childRef, (this.childAwarded.get(childRef) ?? 0) + amountPence);
    this.contractAwarded += amountPence;
  }

  private placementsById(): PlacementTimeline[] {
    if (!this.sortedPlacements) {
      this.sortedPlacements = [...this.timeline.placements()].sort((a, b) => compareText(a.placementId, b.placementId));
    }
    return this.sortedPlacements;
  }

  private compute(period: Period, through: IsoDate, status: Statement['status'], asOf: string): { statement: Statement; effects: StatementEffects } {
    const contractId = this.timeline.contractId;
    if (contractId === undefined) throw new Error('the contract has not been drafted');
    const feeLines = this.feeLines(period, through);
    const adjustments = this.feeAdjustments();
    const duration = this.durationLines(through);
    const lines: StatementLine[] = [
      ...feeLines,
      ...adjustments,
      // copies: a caller may hold a statement while the fold goes on (statements.ts keeps folds)
      ...this.outcomeLines.map((line) => ({ ...line, sources: [...line.sources] })),
      ...this.clawbackLines.map((line) => ({ ...line, sources: [...line.sources] })),
      ...duration.awards,
      ...duration.clawbacks,
    ];
    const totals = this.totals(lines);
    const statement: Statement = { contractId, period, status, asOf, lines, totals };
    return {
      statement,
      effects: {
        feeLines,
        adjustments,
        clawedUnits: duration.clawbacks,
        newUnits: duration.awards.map((line) => ({
          unitKey: line.unitKey,
          childRef: line.childRef,
          outcomeCode: line.outcomeCode,
          k: line.k,
          completedOn: line.completedOn,
          amountPence: line.amountPence,
          sources: [...line.sources],
        })),
        childAwarded: duration.childAwarded,
        contractAwarded: duration.contractAwarded,
      },
    };
  }

  private totals(lines: StatementLine[]): StatementTotals {
    let feesPence = 0;
    let outcomesPence = 0;
    let clawbacksPence = 0;
    for (const line of lines) {
      switch (line.type) {
        case 'fee':
        case 'fee-adjustment':
          feesPence += line.amountPence;
          break;
        case 'outcome':
        case 'duration':
          outcomesPence += line.amountPence;
          break;
        case 'clawback':
        case 'duration-clawback':
          clawbacksPence += line.amountPence;
          break;
        default:
          assertNever(line);
      }
    }
    const earnedPence = feesPence + outcomesPence + clawbacksPence;
    const earnedToDatePence = this.earnedToDatePence + earnedPence;
    const paidToDatePence = this.paidToDatePence + this.paidPence;
    return {
      feesPence,
      outcomesPence,
      clawbacksPence,
      earnedPence,
      paidPence: this.paidPence,
      earnedToDatePence,
      paidToDatePence,
      balancePence: earnedToDatePence - paidToDatePence,
    };
  }

  /** The sources of a fee amount over `from ..= to`: the placement's events, the terms in force, the termination. */
  private feeSources(placement: PlacementTimeline, from: IsoDate, to: IsoDate): number[] {
    const sources = [...placement.revisions];
    const candidate = this.timeline.candidateDays(placement, from, to);
    if (candidate) {
      for (const segment of this.timeline.termsSegments(candidate.from, candidate.to)) sources.push(...segment.version.sources);
    }
    const { terminatedOn, terminatedRevision } = this.timeline;
    if (terminatedOn !== undefined && terminatedRevision !== undefined && terminatedOn <= to) sources.push(terminatedRevision);
    return sources;
  }

  private feeLines(period: Period, through: IsoDate): FeeLine[] {
    const from = firstDayOf(period);
    const lines: FeeLine[] = [];
    for (const placement of this.placementsById()) {
      const tallies = feeTallies(this.timeline, placement, from, through);
      if (tallies.size === 0) continue;
      const sources = sortedSources(this.feeSources(placement, from, through));
      for (const feeCode of [...tallies.keys()].sort(compareText)) {
        const tally = tallies.get(feeCode) as FeeTally;
        lines.push({
          type: 'fee',
          placementId: placement.placementId,
          childRef: placement.childRef,
          feeCode,
          days: tally.days,
          amountPence: tally.amountPence,
          sources,
        });
      }
    }
    return lines;
  }

  private feeAdjustments(): FeeAdjustmentLine[] {
    const lines: FeeAdjustmentLine[] = [];
    const all = this.placementsById();
    const changed = all.filter((p) => this.placementsChanged.has(p.placementId));
    const contractChangedFrom = this.contractChangedFrom;
    for (const period of this.closedPeriods) {
      const from = firstDayOf(period);
      const to = lastDayOf(period);
      for (const placement of contractChangedFrom !== undefined && contractChangedFrom <= to ? all : changed) {
        const tallies = feeTallies(this.timeline, placement, from, to);
        const accounted = this.accounted.get(accountKey(placement.placementId, period));
        const codes = new Set([...tallies.keys(), ...(accounted?.keys() ?? [])]);
        if (codes.size === 0) continue;
        let baseSources: number[] | undefined;
        for (const feeCode of [...codes].sort(compareText)) {
          const recomputed = tallies.get(feeCode);
          const recomputedPence = recomputed?.amountPence ?? 0;
          const before = accounted?.get(feeCode);
          const accountedPence = before?.amountPence ?? 0;
          if (recomputedPence === accountedPence) continue;
          baseSources ??= this.feeSources(placement, from, to);
          lines.push({
            type: 'fee-adjustment',
            placementId: placement.placementId,
            childRef: placement.childRef,
            feeCode,
            forPeriod: period,
            days: recomputed?.days ?? 0,
            recomputedPence,
            accountedPence,
            amountPence: recomputedPence - accountedPence,
            sources: sortedSources([...baseSources, ...(before?.closeRevisions ?? [])]),
          });
        }
      }
    }
    return lines;
  }

  /** Every child's units, per duration code, recomputed only when the child's history or the terms changed. */
  private unitsOf(childRef: string, codes: string[]): Map<string, ChildUnits> {
    const childEpoch = this.childEpochs.get(childRef) ?? 0;
    const cached = this.unitCache.get(childRef);
    if (cached && cached.globalEpoch === this.globalEpoch && cached.childEpoch === childEpoch) return cached.units;
    const units = new Map<string, ChildUnits>();
    for (const code of codes) units.set(code, unitCompletions(this.timeline, childRef, code));
    this.unitCache.set(childRef, { globalEpoch: this.globalEpoch, childEpoch, units });
    return units;
  }

  private durationLines(through: IsoDate): {
    awards: DurationLine[];
    clawbacks: DurationClawbackLine[];
    childAwarded: Map<string, number>;
    contractAwarded: number;
  } {
    const codes = durationCodes(this.timeline);
    const throughDay = dayNumber(through);
    const fresh: CountingUnit[] = [];
    for (const childRef of this.timeline.children()) {
      for (const [outcomeCode, units] of this.unitsOf(childRef, codes)) {
        const awarded = this.awarded.get(awardKey(childRef, outcomeCode));
        for (let index = 0; index < units.days.length && units.days[index] <= throughDay; index++) {
          const k = index + 1;
          if (!units.counts[index] || awarded?.has(k)) continue;
          fresh.push({ unitKey: unitKeyOf(childRef, outcomeCode, k), childRef, outcomeCode, k, completedOn: dateOfDay(units.days[index]) });
        }
      }
    }
    const childAwarded = new Map(this.childAwarded);
    let contractAwarded = this.contractAwarded;
    const clawbacks: DurationClawbackLine[] = [];
    for (const awardedOfChild of this.awarded.values()) {
      for (const unit of awardedOfChild.values()) {
        const units = this.unitsOf(unit.childRef, codes).get(unit.outcomeCode);
        const index = unit.k - 1;
        if (units && index < units.days.length && units.days[index] <= throughDay && units.counts[index]) continue;
        childAwarded.set(unit.childRef, (childAwarded.get(unit.childRef) ?? 0) - unit.amountPence);
        contractAwarded -= unit.amountPence;
        clawbacks.push({
          type: 'duration-clawback',
          childRef: unit.childRef,
          outcomeCode: unit.outcomeCode,
          unitKey: unit.unitKey,
          k: unit.k,
          completedOn: unit.completedOn,
          forPeriod: unit.forPeriod,
          amountPence: negate(unit.amountPence),
          sources: this.clawbackSources(unit),
        });
      }
    }
    clawbacks.sort(byUnitOrder);
    fresh.sort(byUnitOrder);
    const awards: DurationLine[] = [];
    for (const unit of fresh) {
      const terms = this.timeline.termsOn(unit.completedOn);
      const outcome = durationOutcome(terms, unit.outcomeCode);
      if (!outcome) throw new Error(`unit ${unit.unitKey} completed on a day its outcome is not in force`);
      const price = capped(outcome.pricePence, terms.caps, childAwarded.get(unit.childRef) ?? 0, contractAwarded);
      childAwarded.set(unit.childRef, (childAwarded.get(unit.childRef) ?? 0) + price.amountPence);
      contractAwarded += price.amountPence;
      const line: DurationLine = {
        type: 'duration',
        childRef: unit.childRef,
        outcomeCode: unit.outcomeCode,
        unitKey: unit.unitKey,
        k: unit.k,
        completedOn: unit.completedOn,
        pricePence: price.pricePence,
        amountPence: price.amountPence,
        sources: this.unitSources(unit.childRef, unit.completedOn),
      };
      if (price.cappedBy !== undefined) line.cappedBy = price.cappedBy;
      awards.push(line);
    }
    return { awards, clawbacks, childAwarded, contractAwarded };
  }

  /** The child's placements that cover a night on or before `completedOn`, and the terms in force on those nights. */
  private unitSources(childRef: string, completedOn: IsoDate): number[] {
    const startDate = this.timeline.startDate as IsoDate;
    const sources: number[] = [];
    for (const placement of this.timeline.placementsOfChild(childRef)) {
      if (placement.startDate > completedOn || (placement.endDate !== null && placement.endDate <= placement.startDate)) continue;
      sources.push(...placement.revisions);
      const candidate = this.timeline.candidateDays(placement, startDate, completedOn);
      if (!candidate) continue;
      for (const segment of this.timeline.termsSegments(candidate.from, candidate.to)) sources.push(...segment.version.sources);
    }
    return sortedSources(sources);
  }

  /** The award's sources, the close that awarded it, and every later event that can take a unit of the child away. */
  private clawbackSources(unit: AwardedUnit): number[] {
    const sources = [...unit.sources, unit.closeRevision];
    for (const loss of this.losses) {
      if (loss.childRef !== undefined && loss.childRef !== unit.childRef) continue;
      if (loss.revisions[loss.revisions.length - 1] > unit.closeRevision) sources.push(...loss.revisions);
    }
    return sortedSources(sources);
  }

  private commit(period: Period, revision: number, totals: StatementTotals, effects: StatementEffects): void {
    for (const line of effects.feeLines) {
      this.accountedFor(line.placementId, period).set(line.feeCode, { amountPence: line.amountPence, closeRevisions: [revision] });
    }
    for (const line of effects.adjustments) {
      const accounted = this.accountedFor(line.placementId, line.forPeriod);
      const before = accounted.get(line.feeCode)?.closeRevisions ?? [];
      accounted.set(line.feeCode, { amountPence: line.recomputedPence, closeRevisions: [...before, revision] });
    }
    for (const unit of effects.clawedUnits) this.awarded.get(awardKey(unit.childRef, unit.outcomeCode))?.delete(unit.k);
    for (const unit of effects.newUnits) {
      const key = awardKey(unit.childRef, unit.outcomeCode);
      let awarded = this.awarded.get(key);
      if (!awarded) this.awarded.set(key, (awarded = new Map()));
      awarded.set(unit.k, {
        unitKey: unit.unitKey,
        childRef: unit.childRef,
        outcomeCode: unit.outcomeCode,
        k: unit.k,
        completedOn: unit.completedOn,
        amountPence: unit.amountPence,
        sources: unit.sources,
        forPeriod: period,
        closeRevision: revision,
      });
    }
    this.childAwarded.clear();
    for (const [childRef, amount] of effects.childAwarded) this.childAwarded.set(childRef, amount);
    this.contractAwarded = effects.contractAwarded;
    this.placementsChanged.clear();
    this.contractChangedFrom = undefined;
    this.closedPeriods.push(period);
    this.outcomeLines = [];
    this.clawbackLines = [];
    this.paidPence = 0;
    this.earnedToDatePence = totals.earnedToDatePence;
    this.paidToDatePence = totals.paidToDatePence;
  }

  private accountedFor(placementId: string, period: Period): Map<string, Accounted> {
    const key = accountKey(placementId, period);
    let accounted = this.accounted.get(key);
    if (!accounted) this.accounted.set(key, (accounted = new Map()));
    return accounted;
  }
}

/** `max(0, min(price, perChildCap − childAwarded, contractCap − contractAwarded))`; the tighter cap names itself, `perChild` on a tie. */
export function capped(pricePence: number, caps: Caps, childAwardedPence: number, contractAwardedPence: number): VerificationPrice {
  const childRoom = caps.perChildPence === undefined ? Infinity : caps.perChildPence - childAwardedPence;
  const contractRoom = caps.contractPence === undefined ? Infinity : caps.contractPence - contractAwardedPence;
  const amountPence = Math.max(0, Math.min(pricePence, childRoom, contractRoom));
  if (amountPence >= pricePence) return { pricePence, amountPence };
  return { pricePence, amountPence, cappedBy: childRoom <= contractRoom ? 'perChild' : 'contract' };
}

/** `statementHash = sha256hex(canonical(statement without asOf))`: what was stated, not when. */
export function hashedStatement(statement: Statement): HashedStatement {
  const { asOf: _asOf, ...hashed } = statement;
  return { statementHash: hashOfCanonical(hashed), statement };
}

function byUnitOrder(a: { completedOn: IsoDate; childRef: string; outcomeCode: string; k: number }, b: typeof a): number {
  return compareText(a.completedOn, b.completedOn) || compareText(a.childRef, b.childRef) || compareText(a.outcomeCode, b.outcomeCode) || a.k - b.k;
}

function awardKey(childRef: string, outcomeCode: string): string {
  return `${childRef}\u0000${outcomeCode}`;
}

function accountKey(placementId: string, period: Period): string {
  return `${placementId}\u0000${period}`;
}

/** Negation that never yields `-0`, which canonical JSON would print as `0` but deep equality tells apart. */
function negate(amountPence: number): number {
  return 0 - amountPence;
}

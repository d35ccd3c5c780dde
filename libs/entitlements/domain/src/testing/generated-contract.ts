import fc from 'fast-check';
import { addDays, lastDayOf, nextPeriod, periodOf, type IsoDate, type Period } from '@ledger/kernel';
import type { Caps, ContractEventData, ContractEventType, Terms } from '@ledger/contracts-model';
import { EntitlementLedger } from '../lib/ledger';
import type { FoldEvent } from '../lib/statement';

/**
 * Random but plausible contract streams for the property tests and the benchmark: placements started (often
 * late), changed, ended and corrected; attainment claims verified at the price the fold fixes; reversals;
 * payments; backdated variations; a termination; and a close after every month, recording what the fold states.
 */
export type Action =
  | { kind: 'start'; child: number; placementType: 'U4' | 'K2' | 'P1'; daysAgo: number }
  | { kind: 'change'; placement: number; placementType: 'U4' | 'K2' | 'P1'; daysAgo: number }
  | { kind: 'end'; placement: number; daysAgo: number }
  | { kind: 'correct'; placement: number; startShift: number; lengthDays: number | null }
  | { kind: 'claim'; child: number; daysAgo: number }
  | { kind: 'reverse'; claim: number }
  | { kind: 'pay'; amountPence: number; toProvider: boolean }
  | { kind: 'vary'; effectiveDaysAgo: number; fosterPricePence: number; unitDays: number; maxUnits: number | null; extendMonths: number }
  | { kind: 'terminate'; daysAgo: number }
  | { kind: 'wait'; days: number };

export interface ContractShape {
  caps: Caps;
  unitDays: number;
  maxUnits: number | null;
  durationPricePence: number;
  claimPricePence: number;
}

const PLACEMENT_TYPES = ['U4', 'K2', 'P1'] as const;

export const contractShapeArbitrary: fc.Arbitrary<ContractShape> = fc.record({
  caps: fc.record(
    { perChildPence: fc.integer({ min: 20_000, max: 300_000 }), contractPence: fc.integer({ min: 50_000, max: 800_000 }) },
    { requiredKeys: [] },
  ),
  unitDays: fc.constantFrom(3, 7, 14),
  maxUnits: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
  durationPricePence: fc.integer({ min: 1_000, max: 30_000 }),
  claimPricePence: fc.integer({ min: 1_000, max: 120_000 }),
});

export function actionArbitrary(children: number): fc.Arbitrary<Action> {
  const child = fc.integer({ min: 0, max: children - 1 });
  const index = fc.nat({ max: 2 * children });
  const placementType = fc.constantFrom(...PLACEMENT_TYPES);
  return fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('start' as const), child, placementType, daysAgo: fc.nat({ max: 40 }) }), weight: 8 },
    { arbitrary: fc.record({ kind: fc.constant('change' as const), placement: index, placementType, daysAgo: fc.nat({ max: 20 }) }), weight: 6 },
    { arbitrary: fc.record({ kind: fc.constant('end' as const), placement: index, daysAgo: fc.nat({ max: 40 }) }), weight: 6 },
    {
      arbitrary: fc.record({
        kind: fc.constant('correct' as const),
        placement: index,
        startShift: fc.integer({ min: -20, max: 10 }),
        lengthDays: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
      }),
      weight: 4,
    },
    { arbitrary: fc.record({ kind: fc.constant('claim' as const), child, daysAgo: fc.nat({ max: 30 }) }), weight: 12 },
    { arbitrary: fc.record({ kind: fc.constant('reverse' as const), claim: index }), weight: 3 },
    {
      arbitrary: fc.record({ kind: fc.constant('pay' as const), amountPence: fc.integer({ min: 1, max: 5_000_000 }), toProvider: fc.boolean() }),
      weight: 3,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('vary' as const),
        effectiveDaysAgo: fc.integer({ min: -30, max: 120 }),
        fosterPricePence: fc.integer({ min: 70_000, max: 95_000 }),
        unitDays: fc.constantFrom(3, 7, 14),
        maxUnits: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
        extendMonths: fc.nat({ max: 6 }),
      }),
      weight: 2,
    },
    { arbitrary: fc.record({ kind: fc.constant('terminate' as const), daysAgo: fc.nat({ max: 60 }) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 20 }) }), weight: 30 },
  );
}

const START = '2024-04-01';
const END = '2025-09-30';

function termsOf(shape: ContractShape, fosterPricePence: number, unitDays: number, maxUnits: number | null): Terms {
  return {
    fees: [
      { code: 'FOSTER-IFA', name: 'Fostering, weekly', pricePence: fosterPricePence, unitDays: 7, placementTypes: ['U4'] },
      { code: 'RESI-K2', name: "Children's home, weekly", pricePence: 610_000, unitDays: 7, placementTypes: ['K2'] },
      { code: 'HOME-SUPPORT', name: 'Support at home, daily', pricePence: 4_500, unitDays: 1, placementTypes: ['P1'] },
    ],
    outcomes: [
      { code: 'CL-JOB', name: 'Job', category: 'hard', pricePence: shape.claimPricePence, kind: 'attainment', maxPerChild: 100 },
      {
        code: 'FP-STABLE',
        name: 'Stable placement',
        category: 'soft',
        pricePence: shape.durationPricePence,
        kind: 'duration',
        unitDays,
        ...(maxUnits === null ? {} : { maxUnitsPerChild: maxUnits }),
        placementTypes: ['U4', 'P1'],
      },
    ],
    caps: shape.caps,
  };
}

interface GeneratedPlacement {
  id: string;
  childRef: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

/** Interprets the actions on a stream, skipping those the rules would refuse, until `until` (a date) at most. */
export function generateContract(shape: ContractShape, actions: readonly Action[], until: IsoDate = END): FoldEvent[] {
  const events: FoldEvent[] = [];
  const ledger = new EntitlementLedger();
  let today = '2024-03-20';
  let clock = 0;
  let clockDay = '';
  let endDate = '2025-09-30';
  let terminatedOn: IsoDate | undefined;
  let open: Period = periodOf(START);
  const placements: GeneratedPlacement[] = [];
  const claims: { id: string; verified: boolean; reversed: boolean }[] = [];
  let variations = 0;

  // recordedAt never decreases: seconds counted from 09:00 on each business day
  const stamp = (): string => {
    if (clockDay !== today) [clockDay, clock] = [today, 0];
    clock++;
    const seconds = String(clock % 60).padStart(2, '0');
    const minutes = String(Math.floor(clock / 60) % 60).padStart(2, '0');
    const hours = String(9 + Math.floor(clock / 3600)).padStart(2, '0');
    return `${today}T${hours}:${minutes}:${seconds}.000Z`;
  };
  const record = (event: FoldEvent): void => {
    events.push(event);
    ledger.apply(event);
  };
  const append = <T extends ContractEventType>(type: T, data: ContractEventData[T]): void => {
    record({ type, data, revision: events.length, globalPosition: String(100 + events.length), metadata: { recordedAt: stamp() } } as FoldEvent);
  };
  const lastCovered = (): IsoDate => (terminatedOn !== undefined && addDays(terminatedOn, -1) < endDate ? addDays(terminatedOn, -1) : endDate);
  const clamp = (date: IsoDate): IsoDate => (date < START ? START : date);
  const closeEndedMonths = (): void => {
    while (lastDayOf(open) < today) {
      const period = open;
      const recordedAt = stamp();
      const stated = ledger.closingStatement(period, recordedAt);
      record({
        type: 'PeriodClosed',
        data: { period, closedOn: today, totals: stated.statement.totals, statementHash: stated.statementHash },
        revision: events.length,
        globalPosition: String(100 + events.length),
        metadata: { recordedAt },
      });
      open = nextPeriod(open);
    }
  };

  append('ContractDrafted', {
    contractId: 'GEN-1',
    commissionerId: 'LA-TEST',
    providerId: 'PRV-TEST',
    title: 'Generated',
    startDate: START,
    endDate,
    terms: termsOf(shape, 82_000, shape.unitDays, shape.maxUnits),
  });
  append('ContractSigned', { party: 'provider', signedBy: 'p', signedOn: today });
  append('ContractSigned', { party: 'commissioner', signedBy: 'c', signedOn: today });
  append('ContractAgreed', { agreedOn: today, termsHash: 'generated' });
  today = START;

  for (const action of actions) {
    if (today >= until) break;
    switch (action.kind) {
      case 'wait':
        today = addDays(today, action.days);
        break;
      case 'start': {
        const childRef = `CH-${action.child}`;
        const startDate = clamp(addDays(today, -action.daysAgo));
        const busy = placements.some((p) => p.childRef === childRef && (p.endDate === null || p.endDate > startDate));
        if (terminatedOn !== undefined || busy || startDate > lastCovered()) break;
        const placement = { id: `PL-${placements.length}`, childRef, startDate, endDate: null };
        placements.push(placement);
        append('PlacementStarted', { placementId: placement.id, childRef, startDate, placementType: action.placementType });
        break;
      }
      case 'change': {
        const placement = placements[action.placement];
        const changedOn = placement ? clamp(addDays(today, -action.daysAgo)) : '';
        if (!placement || changedOn < placement.startDate || (placement.endDate !== null && changedOn >= placement.endDate) || changedOn > lastCovered()) break;
        append('PlacementChanged', { placementId: placement.id, changedOn, placementType: action.placementType });
        break;
      }
      case 'end': {
        const placement = placements[action.placement];
        if (!placement || placement.endDate !== null) break;
        const end = addDays(today, -action.daysAgo);
        if (end <= placement.startDate || end > addDays(lastCovered(), 1)) break;
        placement.endDate = end;
        append('PlacementEnded', { placementId: placement.id, endDate: end, reasonCode: 'E4A' });
        break;
      }
      case 'correct': {
        const placement = placements[action.placement];
        if (!placement) break;
        const startDate = clamp(addDays(placement.startDate, action.startShift));
        const end = action.lengthDays === null ? null : addDays(startDate, action.lengthDays);
        const overlaps = placements.some(
          (p) => p !== placement && p.childRef === placement.childRef && (p.endDate === null || p.endDate > startDate) && (end === null || p.startDate < end),
        );
        if (overlaps || startDate > lastCovered()) break;
        placement.startDate = startDate;
        placement.endDate = end;
        append('PlacementDatesCorrected', { placementId: placement.id, startDate, endDate: end, reason: 'data check' });
        break;
      }
      case 'claim': {
        const childRef = `CH-${action.child}`;
        const achievedOn = addDays(today, -action.daysAgo);
        const placement = placements.find((p) => p.childRef === childRef && p.startDate <= achievedOn && achievedOn <= lastCovered());
        if (!placement || achievedOn < START) break;
        const claimId = `CLM-${claims.length}`;
        append('OutcomeClaimed', {
          claimId,
          placementId: placement.id,
          childRef,
          outcomeCode: 'CL-JOB',
          achievedOn,
          claimedOn: today,
          evidence: [{ kind: 'letter', ref: claimId }],
        });
        const price = ledger.priceVerification(claimId);
        append('OutcomeVerified', { claimId, verifiedOn: today, ...price });
        claims.push({ id: claimId, verified: true, reversed: false });
        break;
      }
      case 'reverse': {
        const claim = claims[action.claim];
        if (!claim || claim.reversed) break;
        claim.reversed = true;
        append('OutcomeReversed', { claimId: claim.id, reversedOn: today, reason: 'evidence withdrawn' });
        break;
      }
      case 'pay':
        append('PaymentRecorded', {
          paymentId: `PAY-${events.length}`,
          amountPence: action.amountPence,
          direction: action.toProvider ? 'toProvider' : 'toCommissioner',
          paidOn: today,
          reference: 'generated',
        });
        break;
      case 'vary': {
        const effectiveFrom = clamp(addDays(today, -action.effectiveDaysAgo));
        const newEnd = action.extendMonths > 0 ? lastDayOf(addMonths(periodOf(endDate), action.extendMonths)) : undefined;
        if (terminatedOn !== undefined || effectiveFrom > (newEnd ?? endDate)) break;
        const variationId = `VAR-${variations++}`;
        append('VariationProposed', {
          variationId,
          proposedBy: 'provider',
          effectiveFrom,
          terms: termsOf(shape, action.fosterPricePence, action.unitDays, action.maxUnits),
          ...(newEnd === undefined ? {} : { endDate: newEnd }),
          reason: 'uplift',
        });
        append('VariationAccepted', { variationId, by: 'commissioner', on: today });
        if (newEnd !== undefined) endDate = newEnd;
        break;
      }
      case 'terminate': {
        const on = addDays(today, -action.daysAgo);
        // late in the contract, so that most streams have a life before it
        if (terminatedOn !== undefined || today < '2025-01-01' || on <= START || on > endDate) break;
        terminatedOn = on;
        append('ContractTerminated', { terminatedOn: on, reason: 'generated' });
        break;
      }
    }
    closeEndedMonths();
  }
  return events;
}

function addMonths(period: Period, months: number): Period {
  let result = period;
  for (let i = 0; i < months; i++) result = nextPeriod(result);
  return result;
}

import { nextPeriod } from './dates';
import type { Party, RecordedContractEvent, StatementTotals, Terms } from './types';

export type ContractStatus = 'draft' | 'agreed' | 'terminated';

export interface PlacementView {
  placementId: string;
  childRef: string;
  startDate: string;
  endDate: string | null;
  placementType: string;
  reasonCode?: string;
  changes: { changedOn: string; placementType: string }[];
}

export type ClaimStatus = 'pending' | 'verified' | 'rejected' | 'reversed';

export interface ClaimView {
  claimId: string;
  placementId: string;
  childRef: string;
  outcomeCode: string;
  achievedOn: string;
  claimedOn: string;
  evidence: { kind: string; ref: string }[];
  status: ClaimStatus;
  pricePence?: number;
  amountPence?: number;
  cappedBy?: 'perChild' | 'contract';
  verifiedOn?: string;
  decidedOn?: string;
  reason?: string;
}

export interface VariationView {
  variationId: string;
  proposedBy: Party;
  effectiveFrom: string;
  endDate?: string;
  reason: string;
  terms: Terms;
  status: 'pending' | 'accepted' | 'declined';
  decidedOn?: string;
}

export interface ContractView {
  contractId: string;
  title: string;
  commissionerId: string;
  providerId: string;
  startDate: string;
  endDate: string;
  status: ContractStatus;
  /** The terms agreed (or being drafted); accepted variations are listed separately. */
  terms: Terms;
  signatures: { party: Party; signedBy: string; signedOn: string }[];
  agreedOn?: string;
  termsHash?: string;
  variations: VariationView[];
  placements: PlacementView[];
  measurements: { measurementId: string; childRef: string; instrument: string; score: number; measuredOn: string }[];
  claims: ClaimView[];
  payments: { paymentId: string; amountPence: number; direction: 'toProvider' | 'toCommissioner'; paidOn: string; reference: string }[];
  closedPeriods: { period: string; closedOn: string; totals: StatementTotals; statementHash: string }[];
  termination?: { terminatedOn: string; reason: string };
  /** The stream revision of the last event read: what `If-Match` sends. */
  revision: number;
}

/**
 * The contract as its events tell it, for display: lists of placements, claims and payments, and who signed.
 * No money is computed here: amounts are those the events recorded, and statements come from the API's fold.
 */
export function contractView(events: readonly RecordedContractEvent[]): ContractView | undefined {
  let view: ContractView | undefined;
  for (const event of events) view = evolveView(view, event);
  return view;
}

function evolveView(view: ContractView | undefined, event: RecordedContractEvent): ContractView | undefined {
  if (event.type === 'ContractDrafted') {
    const { contractId, title, commissionerId, providerId, startDate, endDate, terms } = event.data;
    return {
      contractId, title, commissionerId, providerId, startDate, endDate, terms,
      status: 'draft', signatures: [], variations: [], placements: [], measurements: [], claims: [], payments: [], closedPeriods: [],
      revision: event.revision,
    };
  }
  if (!view) return undefined;
  const next: ContractView = { ...view, revision: event.revision };
  switch (event.type) {
    case 'ContractTermsAmended':
      return { ...next, terms: event.data.terms, endDate: event.data.endDate ?? next.endDate, signatures: [] };
    case 'ContractSigned':
      return { ...next, signatures: [...next.signatures, event.data] };
    case 'ContractAgreed':
      return { ...next, status: 'agreed', agreedOn: event.data.agreedOn, termsHash: event.data.termsHash };
    case 'VariationProposed': {
      const { variationId, proposedBy, effectiveFrom, endDate, reason, terms } = event.data;
      return { ...next, variations: [...next.variations, { variationId, proposedBy, effectiveFrom, endDate, reason, terms, status: 'pending' }] };
    }
    case 'VariationAccepted':
      return {
        ...next,
        endDate: next.variations.find((variation) => variation.variationId === event.data.variationId)?.endDate ?? next.endDate,
        variations: updateWhere(next.variations, 'variationId', event.data.variationId, { status: 'accepted', decidedOn: event.data.on }),
      };
    case 'VariationDeclined':
      return { ...next, variations: updateWhere(next.variations, 'variationId', event.data.variationId, { status: 'declined', decidedOn: event.data.on }) };
    case 'PlacementStarted': {
      const { placementId, childRef, startDate, endDate, placementType, reasonCode } = event.data;
      return { ...next, placements: [...next.placements, { placementId, childRef, startDate, endDate: endDate ?? null, placementType, reasonCode, changes: [] }] };
    }
    case 'PlacementChanged': {
      const placement = next.placements.find((candidate) => candidate.placementId === event.data.placementId);
      const changes = [...(placement?.changes ?? []), { changedOn: event.data.changedOn, placementType: event.data.placementType }];
      return { ...next, placements: updateWhere(next.placements, 'placementId', event.data.placementId, { changes }) };
    }
    case 'PlacementEnded':
      return { ...next, placements: updateWhere(next.placements, 'placementId', event.data.placementId, { endDate: event.data.endDate, reasonCode: event.data.reasonCode }) };
    case 'PlacementDatesCorrected':
      return {
        ...next,
        placements: updateWhere(next.placements, 'placementId', event.data.placementId, { startDate: event.data.startDate, endDate: event.data.endDate }),
      };
    case 'MeasurementRecorded':
      return { ...next, measurements: [...next.measurements, event.data] };
    case 'OutcomeClaimed': {
      const { claimId, placementId, childRef, outcomeCode, achievedOn, claimedOn, evidence } = event.data;
      return { ...next, claims: [...next.claims, { claimId, placementId, childRef, outcomeCode, achievedOn, claimedOn, evidence, status: 'pending' }] };
    }
    case 'OutcomeVerified': {
      const { claimId, verifiedOn, amountPence, pricePence, cappedBy } = event.data;
      return { ...next, claims: updateWhere(next.claims, 'claimId', claimId, { status: 'verified', verifiedOn, decidedOn: verifiedOn, amountPence, pricePence, cappedBy }) };
    }
    case 'OutcomeRejected':
      return { ...next, claims: updateWhere(next.claims, 'claimId', event.data.claimId, { status: 'rejected', decidedOn: event.data.rejectedOn, reason: event.data.reason }) };
    case 'OutcomeReversed':
      return { ...next, claims: updateWhere(next.claims, 'claimId', event.data.claimId, { status: 'reversed', decidedOn: event.data.reversedOn, reason: event.data.reason }) };
    case 'PaymentRecorded':
      return { ...next, payments: [...next.payments, event.data] };
    case 'PeriodClosed': {
      const { period, closedOn, totals, statementHash } = event.data;
      return { ...next, closedPeriods: [...next.closedPeriods, { period, closedOn, totals, statementHash }] };
    }
    case 'ContractTerminated':
      return { ...next, status: 'terminated', termination: event.data };
    default:
      return assertNever(event);
  }
}

function updateWhere<T, K extends keyof T>(items: T[], key: K, value: T[K], change: Partial<T>): T[] {
  return items.map((item) => (item[key] === value ? { ...item, ...change } : item));
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

/** The period a close would settle next: the month after the last close, else the month the contract starts. */
export function openPeriod(view: ContractView): string {
  const last = view.closedPeriods[view.closedPeriods.length - 1];
  return last ? nextPeriod(last.period) : view.startDate.slice(0, 7);
}

/** A placement's type on a day: the change with the latest date on or before it (on one day the later change wins). */
export function placementTypeOn(placement: PlacementView, day: string): string {
  let type = placement.placementType;
  let since = '';
  for (const change of placement.changes) {
    if (change.changedOn <= day && change.changedOn >= since) {
      type = change.placementType;
      since = change.changedOn;
    }
  }
  return type;
}

import type { IsoDate, Period, RecordedEvent } from '@ledger/kernel';
import type { Party, PlacementType, Ssda903Details, Terms } from './terms';

/** Spec section 3: the events of a `contract-{contractId}` stream, by type. */
export interface ContractEventData {
  ContractDrafted: {
    contractId: string;
    commissionerId: string;
    providerId: string;
    title: string;
    startDate: IsoDate;
    endDate: IsoDate;
    terms: Terms;
  };
  ContractTermsAmended: { terms: Terms; endDate?: IsoDate };
  ContractSigned: { party: Party; signedBy: string; signedOn: IsoDate };
  ContractAgreed: { agreedOn: IsoDate; termsHash: string };
  VariationProposed: { variationId: string; proposedBy: Party; effectiveFrom: IsoDate; terms: Terms; endDate?: IsoDate; reason: string };
  VariationAccepted: { variationId: string; by: Party; on: IsoDate; reason?: string };
  VariationDeclined: { variationId: string; by: Party; on: IsoDate; reason?: string };
  PlacementStarted: {
    placementId: string;
    childRef: string;
    startDate: IsoDate;
    placementType: PlacementType;
    endDate?: IsoDate;
    reasonCode?: string;
    ssda903?: Ssda903Details;
  };
  PlacementChanged: { placementId: string; changedOn: IsoDate; placementType: PlacementType };
  PlacementEnded: { placementId: string; endDate: IsoDate; reasonCode: string };
  PlacementDatesCorrected: { placementId: string; startDate: IsoDate; endDate: IsoDate | null; reason: string };
  MeasurementRecorded: { measurementId: string; childRef: string; instrument: string; score: number; measuredOn: IsoDate };
  OutcomeClaimed: {
    claimId: string;
    placementId: string;
    childRef: string;
    outcomeCode: string;
    achievedOn: IsoDate;
    claimedOn: IsoDate;
    evidence: { kind: string; ref: string }[];
  };
  OutcomeVerified: { claimId: string; verifiedOn: IsoDate; amountPence: number; pricePence: number; cappedBy?: 'perChild' | 'contract' };
  OutcomeRejected: { claimId: string; rejectedOn: IsoDate; reason: string };
  OutcomeReversed: { claimId: string; reversedOn: IsoDate; reason: string };
  PaymentRecorded: { paymentId: string; amountPence: number; direction: 'toProvider' | 'toCommissioner'; paidOn: IsoDate; reference: string };
  PeriodClosed: { period: Period; closedOn: IsoDate; totals: StatementTotals; statementHash: string };
  ContractTerminated: { terminatedOn: IsoDate; reason: string };
}

export interface StatementTotals {
  feesPence: number;
  outcomesPence: number;
  clawbacksPence: number;
  earnedPence: number;
  paidPence: number;
  earnedToDatePence: number;
  paidToDatePence: number;
  balancePence: number;
}

export type ContractEventType = keyof ContractEventData;

/** An event about to be appended: type and data only; the envelope is the application's. */
export type ContractEvent = { [T in ContractEventType]: { type: T; data: ContractEventData[T] } }[ContractEventType];

/** A stored contract event: the envelope with typed data. */
export type RecordedContractEvent = { [T in ContractEventType]: RecordedEvent<T, ContractEventData[T]> }[ContractEventType];

export const CONTRACT_EVENT_TYPES: readonly ContractEventType[] = [
  'ContractDrafted', 'ContractTermsAmended', 'ContractSigned', 'ContractAgreed', 'VariationProposed', 'VariationAccepted',
  'VariationDeclined', 'PlacementStarted', 'PlacementChanged', 'PlacementEnded', 'PlacementDatesCorrected',
  'MeasurementRecorded', 'OutcomeClaimed', 'OutcomeVerified', 'OutcomeRejected', 'OutcomeReversed', 'PaymentRecorded',
  'PeriodClosed', 'ContractTerminated',
];

export function contractStreamId(contractId: string): string {
  return `contract-${contractId}`;
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

import type { ContractEventData, Party } from '@ledger/contracts-model';
import type { Actor, IsoDate, Period } from '@ledger/kernel';

/** The server's clock for one command: its Europe/London date and the instant its events are recorded at. */
export interface Now {
  today: IsoDate;
  recordedAt: string;
}

interface Addressed {
  contractId: string;
  actor: Actor;
}

type D = ContractEventData;

/** Spec section 9: each command carries its body, the ids of its path and the acting caller. */
export type DraftContract = Addressed & { type: 'DraftContract' } & D['ContractDrafted'];
export type AmendTerms = Addressed & { type: 'AmendTerms' } & D['ContractTermsAmended'];
export type SignContract = Addressed & { type: 'SignContract' } & D['ContractSigned'];
/** The proposing party is the caller's role (section 9), so it is not in the command. */
export type ProposeVariation = Addressed & { type: 'ProposeVariation' } & Omit<D['VariationProposed'], 'proposedBy'>;
export type AcceptVariation = Addressed & { type: 'AcceptVariation'; variationId: string; reason?: string };
export type DeclineVariation = Addressed & { type: 'DeclineVariation'; variationId: string; reason?: string };
export type StartPlacement = Addressed & { type: 'StartPlacement' } & D['PlacementStarted'];
export type ChangePlacement = Addressed & { type: 'ChangePlacement' } & D['PlacementChanged'];
export type EndPlacement = Addressed & { type: 'EndPlacement' } & D['PlacementEnded'];
export type CorrectPlacementDates = Addressed & { type: 'CorrectPlacementDates' } & D['PlacementDatesCorrected'];
export type RecordMeasurement = Addressed & { type: 'RecordMeasurement' } & D['MeasurementRecorded'];
export type ClaimOutcome = Addressed & { type: 'ClaimOutcome' } & Omit<D['OutcomeClaimed'], 'claimedOn'>;
export type VerifyClaim = Addressed & { type: 'VerifyClaim'; claimId: string };
export type RejectClaim = Addressed & { type: 'RejectClaim'; claimId: string; reason: string };
export type ReverseClaim = Addressed & { type: 'ReverseClaim'; claimId: string; reason: string };
export type RecordPayment = Addressed & { type: 'RecordPayment' } & D['PaymentRecorded'];
export type ClosePeriod = Addressed & { type: 'ClosePeriod'; period: Period };
export type TerminateContract = Addressed & { type: 'TerminateContract' } & D['ContractTerminated'];

export type ContractCommand =
  | DraftContract
  | AmendTerms
  | SignContract
  | ProposeVariation
  | AcceptVariation
  | DeclineVariation
  | StartPlacement
  | ChangePlacement
  | EndPlacement
  | CorrectPlacementDates
  | RecordMeasurement
  | ClaimOutcome
  | VerifyClaim
  | RejectClaim
  | ReverseClaim
  | RecordPayment
  | ClosePeriod
  | TerminateContract;

export type ContractCommandType = ContractCommand['type'];

/** Who must act (spec section 8): one party, or either party acting as its role. */
export const ACTING_PARTY: Record<ContractCommandType, Party | 'either'> = {
  DraftContract: 'commissioner',
  AmendTerms: 'commissioner',
  SignContract: 'either',
  ProposeVariation: 'either',
  AcceptVariation: 'either',
  DeclineVariation: 'either',
  StartPlacement: 'commissioner',
  ChangePlacement: 'commissioner',
  EndPlacement: 'commissioner',
  CorrectPlacementDates: 'commissioner',
  RecordMeasurement: 'either',
  ClaimOutcome: 'provider',
  VerifyClaim: 'commissioner',
  RejectClaim: 'commissioner',
  ReverseClaim: 'commissioner',
  RecordPayment: 'commissioner',
  ClosePeriod: 'commissioner',
  TerminateContract: 'commissioner',
};


/** Section 9: writes that create something answer 201, the others 200. */
export const CREATING_COMMANDS: ReadonlySet<ContractCommandType> = new Set<ContractCommandType>([
  'DraftContract',
  'ProposeVariation',
  'StartPlacement',
  'RecordMeasurement',
  'ClaimOutcome',
  'RecordPayment',
]);

import { assertNever, type ContractEventData, type ContractEventType, type Party, type PlacementType, type Terms } from '@ledger/contracts-model';
import type { EventMetadata, IsoDate, Period } from '@ledger/kernel';

/**
 * A contract event as stored: a `RecordedContractEvent` is one, and so is a line of an export (spec section 10),
 * which has no `id` and writes `globalPosition` as a number.
 */
export type ContractStreamEvent = {
  [T in ContractEventType]: {
    type: T;
    data: ContractEventData[T];
    revision: number;
    metadata: EventMetadata;
    id?: string;
    streamId?: string;
    globalPosition?: string | number;
  };
}[ContractEventType];

export interface VariationState {
  proposed: ContractEventData['VariationProposed'];
  status: 'pending' | 'accepted' | 'declined';
}

export interface PlacementState {
  started: ContractEventData['PlacementStarted'];
  childRef: string;
  startDate: IsoDate;
  /** null: open. The dates of the latest start, end or correction (spec section 4). */
  endDate: IsoDate | null;
  /** Type changes in stream order; on one day the later one wins. */
  changes: { changedOn: IsoDate; placementType: PlacementType }[];
}

export interface ClaimState {
  claimed: ContractEventData['OutcomeClaimed'];
  status: 'pending' | 'verified' | 'rejected' | 'reversed';
  /** The amount fixed at verification, kept after a reversal (which claws back exactly it). */
  verified?: ContractEventData['OutcomeVerified'];
}

export interface MeasurementState {
  recorded: ContractEventData['MeasurementRecorded'];
}

/** What the rules of a drafted contract need, whatever its lifecycle status. */
export interface ContractFacts {
  drafted: ContractEventData['ContractDrafted'];
  /** The original terms: those drafted or last amended. */
  terms: Terms;
  /** The original end date, or the end date of the last amendment that set one. */
  draftEndDate: IsoDate;
  /** The contract's end date now: that of the last accepted variation that set one, else the original. */
  endDate: IsoDate;
  signatures: Partial<Record<Party, ContractEventData['ContractSigned']>>;
  variations: Readonly<Record<string, VariationState>>;
  placements: Readonly<Record<string, PlacementState>>;
  /** In stream order: baselines and current measurements depend on it. */
  measurements: readonly ContractEventData['MeasurementRecorded'][];
  claims: Readonly<Record<string, ClaimState>>;
  payments: Readonly<Record<string, ContractEventData['PaymentRecorded']>>;
  lastClosedPeriod?: Period;
  /** The stream so far, for the fold. */
  events: readonly ContractStreamEvent[];
}

export type ContractState =
  | { status: 'none' }
  | ({ status: 'draft' } & ContractFacts)
  | ({ status: 'agreed' } & ContractFacts)
  | ({ status: 'terminated'; terminatedOn: IsoDate; terminated: ContractEventData['ContractTerminated'] } & ContractFacts);

export const INITIAL_STATE: ContractState = { status: 'none' };

export type ExistingContract = Exclude<ContractState, { status: 'none' }>;

export function evolve(state: ContractState, event: ContractStreamEvent): ContractState {
  const next = evolveFacts(state, event);
  return next.status === 'none' ? next : { ...next, events: state.status === 'none' ? [event] : [...state.events, event] };
}

/**
 * Folding a whole stream attaches its event list once: copying the list at every step made a fold grow with the
 * square of the stream's length, and every command on a contract pays for one. Claims and measurements, which
 * long streams hold thousands of, are built in collections the fold owns alone.
 */
export function foldContract(events: readonly ContractStreamEvent[]): ContractState {
  let state: ContractState = INITIAL_STATE;
  const claims: Record<string, ClaimState> = {};
  const measurements: ContractEventData['MeasurementRecorded'][] = [];
  for (const event of events) {
    if (state.status === 'none') {
      state = evolveFacts(state, event);
      continue;
    }
    switch (event.type) {
      case 'OutcomeClaimed':
        claims[event.data.claimId] = { claimed: event.data, status: 'pending' };
        continue;
      case 'OutcomeVerified':
      case 'OutcomeRejected':
      case 'OutcomeReversed':
        claims[event.data.claimId] = claimAfter(claims[event.data.claimId], event);
        continue;
      case 'MeasurementRecorded':
        measurements.push(event.data);
        continue;
      default:
        state = evolveFacts(state, event);
    }
  }
  return state.status === 'none' ? state : { ...state, claims, measurements, events: [...events] };
}

/** Every fact but the event list. */
function evolveFacts(state: ContractState, event: ContractStreamEvent): ContractState {
  if (state.status === 'none') {
    if (event.type !== 'ContractDrafted') throw new Error(`a contract stream starts with ContractDrafted, not ${event.type}`);
    const d = event.data;
    return {
      status: 'draft',
      drafted: d,
      terms: d.terms,
      draftEndDate: d.endDate,
      endDate: d.endDate,
      signatures: {},
      variations: {},
      placements: {},
      measurements: [],
      claims: {},
      payments: {},
      events: [],
    };
  }
  const s = state;
  switch (event.type) {
    case 'ContractDrafted':
      throw new Error('a contract is drafted once');
    case 'ContractTermsAmended': {
      const endDate = event.data.endDate ?? s.draftEndDate;
      return { ...s, terms: event.data.terms, draftEndDate: endDate, endDate, signatures: {} };
    }
    case 'ContractSigned':
      return { ...s, signatures: { ...s.signatures, [event.data.party]: event.data } };
    case 'ContractAgreed':
      return s.status === 'draft' ? { ...s, status: 'agreed' } : s;
    case 'VariationProposed':
      return { ...s, variations: { ...s.variations, [event.data.variationId]: { proposed: event.data, status: 'pending' } } };
    case 'VariationAccepted': {
      const variation = s.variations[event.data.variationId];
      return {
        ...s,
        variations: { ...s.variations, [event.data.variationId]: { ...variation, status: 'accepted' } },
        endDate: variation.proposed.endDate ?? s.endDate,
      };
    }
    case 'VariationDeclined': {
      const variation = s.variations[event.data.variationId];
      return { ...s, variations: { ...s.variations, [event.data.variationId]: { ...variation, status: 'declined' } } };
    }
    case 'PlacementStarted': {
      const d = event.data;
      const placement: PlacementState = { started: d, childRef: d.childRef, startDate: d.startDate, endDate: d.endDate ?? null, changes: [] };
      return { ...s, placements: { ...s.placements, [d.placementId]: placement } };
    }
    case 'PlacementChanged':
      return withPlacement(s, event.data.placementId, (p) => ({
        ...p,
        changes: [...p.changes, { changedOn: event.data.changedOn, placementType: event.data.placementType }],
      }));
    case 'PlacementEnded':
      return withPlacement(s, event.data.placementId, (p) => ({ ...p, endDate: event.data.endDate }));
    case 'PlacementDatesCorrected':
      return withPlacement(s, event.data.placementId, (p) => ({ ...p, startDate: event.data.startDate, endDate: event.data.endDate }));
    case 'MeasurementRecorded':
      return { ...s, measurements: [...s.measurements, event.data] };
    case 'OutcomeClaimed':
      return { ...s, claims: { ...s.claims, [event.data.claimId]: { claimed: event.data, status: 'pending' } } };
    case 'OutcomeVerified':
    case 'OutcomeRejected':
    case 'OutcomeReversed':
      return { ...s, claims: { ...s.claims, [event.data.claimId]: claimAfter(s.claims[event.data.claimId], event) } };
    case 'PaymentRecorded':
      return { ...s, payments: { ...s.payments, [event.data.paymentId]: event.data } };
    case 'PeriodClosed':
      return { ...s, lastClosedPeriod: event.data.period };
    case 'ContractTerminated':
      return { ...s, status: 'terminated', terminatedOn: event.data.terminatedOn, terminated: event.data };
    default:
      return assertNever(event);
  }
}

function withPlacement(s: ExistingContract, placementId: string, change: (p: PlacementState) => PlacementState): ExistingContract {
  const placement = s.placements[placementId];
  if (!placement) throw new Error(`no placement ${placementId} in the stream`);
  return { ...s, placements: { ...s.placements, [placementId]: change(placement) } };
}

type ClaimDecision = Extract<ContractStreamEvent, { type: 'OutcomeVerified' | 'OutcomeRejected' | 'OutcomeReversed' }>;

function claimAfter(claim: ClaimState | undefined, event: ClaimDecision): ClaimState {
  if (!claim) throw new Error(`no claim ${event.data.claimId} in the stream`);
  switch (event.type) {
    case 'OutcomeVerified':
      return { ...claim, status: 'verified', verified: event.data };
    case 'OutcomeRejected':
      return { ...claim, status: 'rejected' };
    case 'OutcomeReversed':
      return { ...claim, status: 'reversed' };
    default:
      return assertNever(event);
  }
}

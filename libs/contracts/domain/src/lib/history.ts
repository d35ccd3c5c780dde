import { assertNever, type ContractEvent } from '@ledger/contracts-model';
import { type Actor, eventHash, GENESIS_HASH, isRejection, londonDate, parseInstant } from '@ledger/kernel';
import type { ContractCommand, Now } from './commands';
import { decide } from './decide';
import { type DecideContext, sameContent } from './rules';
import { requestOf } from './routes';
import { validateCommandBody, validatePathParams } from './validate-body';
import { type ContractState, type ContractStreamEvent, evolve, INITIAL_STATE } from './state';

export const SYSTEM_ACTOR: Actor = { sub: 'system', role: 'system', org: 'SYSTEM' };

/**
 * The command that records an event (the rejections README's route table read backwards), acting as the
 * event's actor. `ContractAgreed` has none: the system appends it with the second signature.
 */
export function commandFromEvent(event: ContractStreamEvent, contractId: string): ContractCommand | undefined {
  const actor = event.metadata.actor;
  const base = { contractId, actor };
  switch (event.type) {
    case 'ContractDrafted':
      return { ...base, type: 'DraftContract', ...event.data };
    case 'ContractTermsAmended':
      return { ...base, type: 'AmendTerms', ...event.data };
    case 'ContractSigned':
      return { ...base, type: 'SignContract', ...event.data };
    case 'ContractAgreed':
      return undefined;
    case 'VariationProposed': {
      const { proposedBy: _proposedBy, ...body } = event.data;
      return { ...base, type: 'ProposeVariation', ...body };
    }
    case 'VariationAccepted':
    case 'VariationDeclined': {
      const { variationId, reason } = event.data;
      const type = event.type === 'VariationAccepted' ? 'AcceptVariation' : 'DeclineVariation';
      return reason === undefined ? { ...base, type, variationId } : { ...base, type, variationId, reason };
    }
    case 'PlacementStarted':
      return { ...base, type: 'StartPlacement', ...event.data };
    case 'PlacementChanged':
      return { ...base, type: 'ChangePlacement', ...event.data };
    case 'PlacementEnded':
      return { ...base, type: 'EndPlacement', ...event.data };
    case 'PlacementDatesCorrected':
      return { ...base, type: 'CorrectPlacementDates', ...event.data };
    case 'MeasurementRecorded':
      return { ...base, type: 'RecordMeasurement', ...event.data };
    case 'OutcomeClaimed': {
      const { claimedOn: _claimedOn, ...body } = event.data;
      return { ...base, type: 'ClaimOutcome', ...body };
    }
    case 'OutcomeVerified':
      return { ...base, type: 'VerifyClaim', claimId: event.data.claimId };
    case 'OutcomeRejected':
      return { ...base, type: 'RejectClaim', claimId: event.data.claimId, reason: event.data.reason };
    case 'OutcomeReversed':
      return { ...base, type: 'ReverseClaim', claimId: event.data.claimId, reason: event.data.reason };
    case 'PaymentRecorded':
      return { ...base, type: 'RecordPayment', ...event.data };
    case 'PeriodClosed':
      return { ...base, type: 'ClosePeriod', period: event.data.period };
    case 'ContractTerminated':
      return { ...base, type: 'TerminateContract', ...event.data };
    default:
      return assertNever(event);
  }
}

/** The clock a recorded event was decided with: its recordedAt, and that instant's Europe/London date. */
export function nowOf(recordedAt: string): Now | undefined {
  const instant = parseInstant(recordedAt);
  return instant === undefined ? undefined : { today: londonDate(instant), recordedAt };
}

export type HistoryVerdict =
  | { ok: true; events: number; note?: string }
  | { ok: false; revision: number; reason: string; note?: string };

export interface VerifyHistoryOptions {
  /** The outcome codes to accept with their kind (for history: every code ever published). Absent: not checked. */
  framework?: DecideContext['framework'];
}

const NO_FRAMEWORK_NOTE = 'no framework given: outcome codes were not checked against it';

/**
 * Spec section 10, `ledger verify`: the hash chain, `recordedAt` never decreasing, and every event re-decided from
 * the events before it with its own actor and clock, the produced data equal to the recorded data (amounts,
 * totals and statement hashes included). Names the first bad revision.
 */
export function verifyContractHistory(events: readonly ContractStreamEvent[], options: VerifyHistoryOptions = {}): HistoryVerdict {
  const note = options.framework ? undefined : NO_FRAMEWORK_NOTE;
  const fail = (revision: number, reason: string): HistoryVerdict => (note ? { ok: false, revision, reason, note } : { ok: false, revision, reason });
  const chain = checkChain(events);
  if (chain) return fail(chain.revision, chain.reason);
  const contractId = contractIdOf(events);
  let state: ContractState = INITIAL_STATE;
  let expectedAgreed: ContractEvent | undefined;
  for (const [index, event] of events.entries()) {
    if (expectedAgreed) {
      if (event.type !== 'ContractAgreed') return fail(index, 'the second signature must be followed by the system\'s ContractAgreed');
      if (!sameContent(event.metadata.actor, SYSTEM_ACTOR)) return fail(index, 'ContractAgreed is appended by the system actor');
      const signature = events[index - 1].metadata;
      const { recordedAt, correlationId, causationId } = event.metadata;
      if (recordedAt !== signature.recordedAt || correlationId !== signature.correlationId || causationId !== signature.commandId) {
        return fail(index, 'ContractAgreed is recorded with the second signature: its recordedAt, its correlationId, caused by its command');
      }
      if (!sameContent(event.data, expectedAgreed.data)) return fail(index, `ContractAgreed differs from what the signatures give: ${JSON.stringify(expectedAgreed.data)}`);
      expectedAgreed = undefined;
    } else {
      const command = commandFromEvent(event, contractId);
      if (!command) return fail(index, 'ContractAgreed without a second signature before it');
      const now = nowOf(event.metadata.recordedAt);
      if (!now) return fail(index, `recordedAt ${event.metadata.recordedAt} is not an ISO-8601 instant`);
      const request = requestOf(command);
      const malformed = [...validatePathParams(request.params), ...validateCommandBody(command.type, request.body)];
      if (malformed.length > 0) return fail(index, `VALIDATION: ${malformed.map((error) => `${error.field} ${error.message}`).join('; ')}`);
      const decision = decide(command, state, now, { framework: options.framework });
      if (isRejection(decision)) return fail(index, `the rules refuse this event: ${decision.code} (${decision.message})`);
      const [produced, agreed] = decision;
      if (!produced) return fail(index, `the rules append nothing for this ${event.type} (a repeat of an earlier event)`);
      if (produced.type !== event.type || !sameContent(produced.data, event.data)) {
        return fail(index, `recorded data differ from what the rules give: ${JSON.stringify(produced.data)}`);
      }
      expectedAgreed = agreed;
    }
    state = evolve(state, event);
  }
  if (expectedAgreed) return fail(events.length, 'the stream ends before the ContractAgreed the second signature brings');
  return note ? { ok: true, events: events.length, note } : { ok: true, events: events.length };
}

function contractIdOf(events: readonly ContractStreamEvent[]): string {
  const first = events[0];
  return first?.type === 'ContractDrafted' ? first.data.contractId : '';
}

function checkChain(events: readonly ContractStreamEvent[]): { revision: number; reason: string } | undefined {
  let prevHash = GENESIS_HASH;
  let lastRecordedAt: number | undefined;
  for (const [index, event] of events.entries()) {
    if (event.revision !== index) return { revision: index, reason: `revision ${event.revision} where ${index} was expected` };
    if (index === 0 && event.type !== 'ContractDrafted') return { revision: 0, reason: 'a contract stream starts with ContractDrafted' };
    if (event.metadata.prevHash !== prevHash) return { revision: index, reason: 'prevHash is not the previous event\'s hash' };
    const hash = eventHash(prevHash, event as unknown as { type: string; data: unknown; metadata: Record<string, unknown> });
    if (hash !== event.metadata.hash) return { revision: index, reason: 'hash does not match the event (its data or metadata were edited)' };
    const recordedAt = parseInstant(event.metadata.recordedAt);
    if (recordedAt === undefined) return { revision: index, reason: `recordedAt ${event.metadata.recordedAt} is not an ISO-8601 instant` };
    if (lastRecordedAt !== undefined && recordedAt < lastRecordedAt) return { revision: index, reason: 'recordedAt goes back in time' };
    lastRecordedAt = recordedAt;
    prevHash = hash;
  }
  return undefined;
}

import type { ContractEvent } from '@ledger/contracts-model';
import { parseInstant } from '@ledger/kernel';
import type { Now } from './commands';
import { type DomainRejection, rejectWith } from './errors';
import type { ContractState, ExistingContract } from './state';

/** The answer of a decider: the events to append (none for an identical retry), or why not. */
export type Decision = ContractEvent[] | DomainRejection;

export function existing(state: ContractState, contractId: string): ExistingContract | DomainRejection {
  return state.status === 'none' ? rejectWith('CONTRACT_NOT_FOUND', `no contract ${contractId}`) : state;
}

/** Spec section 9: a request's clock may not go back before the stream's last `recordedAt` (400 `VALIDATION`). */
export function checkClock(state: ContractState, now: Now): DomainRejection | undefined {
  if (state.status === 'none' || state.events.length === 0) return undefined;
  const last = state.events[state.events.length - 1].metadata.recordedAt;
  const lastMs = parseInstant(last);
  const nowMs = parseInstant(now.recordedAt);
  if (nowMs === undefined) return rejectWith('VALIDATION', 'the clock is not an ISO-8601 instant', [{ field: 'X-Ledger-Now', message: 'must be an ISO-8601 instant' }]);
  if (lastMs !== undefined && nowMs < lastMs) {
    return rejectWith('VALIDATION', `the clock goes back before the stream's last event (${last})`, [{ field: 'X-Ledger-Now', message: `must not be before ${last}` }]);
  }
  return undefined;
}

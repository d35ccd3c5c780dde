import type { ContractEvent } from '@ledger/contracts-model';
import { type DomainRejection, rejectWith } from './errors';
import type { ContractState, ExistingContract } from './state';

/** The answer of a decider: the events to append (none for an identical retry), or why not. */
export type Decision = ContractEvent[] | DomainRejection;

export function existing(state: ContractState, contractId: string): ExistingContract | DomainRejection {
  return state.status === 'none' ? rejectWith('CONTRACT_NOT_FOUND', `no contract ${contractId}`) : state;
}

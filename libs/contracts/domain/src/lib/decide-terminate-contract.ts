import { isRejection } from '@ledger/kernel';
import type { Now, TerminateContract } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { requireAgreed } from './rules';
import type { ContractState } from './state';
import { timelineOf } from './timeline-of';

export function decideTerminateContract(command: TerminateContract, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const notAgreed = requireAgreed(s, true);
  if (notAgreed) return notAgreed;
  if (!timelineOf(s).covers(command.terminatedOn)) return rejectWith('OUTSIDE_TERM', `${command.terminatedOn} lies outside the contract`);
  return [{ type: 'ContractTerminated', data: { terminatedOn: command.terminatedOn, reason: command.reason } }];
}

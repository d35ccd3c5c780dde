import { isRejection } from '@ledger/kernel';
import { claimIn } from './claim-rules';
import type { Now, RejectClaim } from './commands';
import { type Decision, existing } from './decision';
import type { ContractState } from './state';

export function decideRejectClaim(command: RejectClaim, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const claim = claimIn(s, command.claimId, 'pending');
  if (isRejection(claim)) return claim;
  return [{ type: 'OutcomeRejected', data: { claimId: command.claimId, rejectedOn: now.today, reason: command.reason } }];
}

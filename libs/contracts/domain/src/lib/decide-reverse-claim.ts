import { isRejection } from '@ledger/kernel';
import { claimIn } from './claim-rules';
import type { Now, ReverseClaim } from './commands';
import { type Decision, existing } from './decision';
import type { ContractState } from './state';

/** A reversal claws back exactly the verified amount: the fold reads it from the `OutcomeVerified`, nothing is computed here. */
export function decideReverseClaim(command: ReverseClaim, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const claim = claimIn(s, command.claimId, 'verified');
  if (isRejection(claim)) return claim;
  return [{ type: 'OutcomeReversed', data: { claimId: command.claimId, reversedOn: now.today, reason: command.reason } }];
}

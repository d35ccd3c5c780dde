import { priceVerification } from '@ledger/entitlements-domain';
import { isRejection } from '@ledger/kernel';
import { checkClaimRules, claimIn } from './claim-rules';
import type { Now, VerifyClaim } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import type { ContractState } from './state';

/** Re-checks the claim against the stream as it is now, then asks the fold for the price and the room under the caps. */
export function decideVerifyClaim(command: VerifyClaim, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const claim = claimIn(s, command.claimId, 'pending');
  if (isRejection(claim)) return claim;
  if (now.today < claim.claimed.claimedOn) return rejectWith('INVALID_DATES', `a claim is verified on or after ${claim.claimed.claimedOn}`);
  const broken = checkClaimRules(s, claim.claimed, 'verification');
  if (broken) return broken;
  const { pricePence, amountPence, cappedBy } = priceVerification(s.events, command.claimId);
  const data = { claimId: command.claimId, verifiedOn: now.today, amountPence, pricePence };
  return [{ type: 'OutcomeVerified', data: cappedBy === undefined ? data : { ...data, cappedBy } }];
}

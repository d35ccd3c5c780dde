import { priceVerification } from '@ledger/entitlements-domain';
import { isRejection } from '@ledger/kernel';
import { checkClaimRules } from './claim-rules';
import type { Now, RejectClaim, ReverseClaim, VerifyClaim } from './commands';
import { type Decision, existing } from './decision';
import { type DomainRejection, rejectWith } from './errors';
import { requireAgreed } from './rules';
import type { ClaimState, ContractState, ExistingContract } from './state';

function claimIn(s: ExistingContract, claimId: string, status: ClaimState['status']): ClaimState | DomainRejection {
  const claim = s.claims[claimId];
  if (!claim) return rejectWith('CLAIM_NOT_FOUND', `no claim ${claimId}`);
  const notAgreed = requireAgreed(s, false);
  if (notAgreed) return notAgreed;
  if (claim.status !== status) {
    return status === 'pending'
      ? rejectWith('CLAIM_NOT_PENDING', `claim ${claimId} is ${claim.status}`)
      : rejectWith('CLAIM_NOT_VERIFIED', `claim ${claimId} is ${claim.status}`);
  }
  return claim;
}

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

export function decideRejectClaim(command: RejectClaim, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const claim = claimIn(s, command.claimId, 'pending');
  if (isRejection(claim)) return claim;
  return [{ type: 'OutcomeRejected', data: { claimId: command.claimId, rejectedOn: now.today, reason: command.reason } }];
}

/** A reversal claws back exactly the verified amount: the fold reads it from the `OutcomeVerified`, nothing is computed here. */
export function decideReverseClaim(command: ReverseClaim, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const claim = claimIn(s, command.claimId, 'verified');
  if (isRejection(claim)) return claim;
  return [{ type: 'OutcomeReversed', data: { claimId: command.claimId, reversedOn: now.today, reason: command.reason } }];
}

import { isRejection } from '@ledger/kernel';
import { checkClaimRules } from './claim-rules';
import type { ClaimOutcome, Now } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { outcomeOf, requireAgreed, sameContent } from './rules';
import type { ContractState } from './state';
import { timelineOf } from './timeline-of';

export function decideClaimOutcome(command: ClaimOutcome, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const placement = s.placements[command.placementId];
  if (!placement) return rejectWith('PLACEMENT_NOT_FOUND', `no placement ${command.placementId}`);
  const { type: _type, contractId: _contractId, actor: _actor, ...body } = command;
  const known = s.claims[command.claimId];
  if (known) {
    const { claimedOn: _claimedOn, ...knownBody } = known.claimed;
    return sameContent(knownBody, body) ? [] : rejectWith('CLAIM_EXISTS', `claim ${command.claimId} exists with other content`);
  }
  if (placement.childRef !== command.childRef) {
    return rejectWith('VALIDATION', `placement ${command.placementId} is not ${command.childRef}'s`, [
      { field: 'placementId', message: `is the placement of another child` },
    ]);
  }
  if (outcomeOf(timelineOf(s).termsOn(command.achievedOn), command.outcomeCode)?.kind === 'duration') {
    return rejectWith('VALIDATION', `${command.outcomeCode} is a duration outcome: it is earned from placement days, never claimed`, [
      { field: 'outcomeCode', message: 'is a duration outcome, never claimed' },
    ]);
  }
  const notAgreed = requireAgreed(s, false);
  if (notAgreed) return notAgreed;
  const data = { ...body, claimedOn: now.today };
  const broken = checkClaimRules(s, data, 'claim');
  if (broken) return broken;
  return [{ type: 'OutcomeClaimed', data }];
}

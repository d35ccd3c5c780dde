import { isRejection } from '@ledger/kernel';
import type { AcceptVariation, DeclineVariation, Now } from './commands';
import { type Decision, existing } from './decision';
import { type DomainRejection, rejectWith } from './errors';
import { checkEffectiveFrom } from './decide-propose-variation';
import { requireAgreed } from './rules';
import type { ContractState, ExistingContract, VariationState } from './state';

/** Shared by acceptance and decline: 404, then the state codes in the order of section 4. */
function pendingVariation(command: AcceptVariation | DeclineVariation, s: ExistingContract): VariationState | DomainRejection {
  const variation = s.variations[command.variationId];
  if (!variation) return rejectWith('VARIATION_NOT_FOUND', `no variation ${command.variationId}`);
  const notAgreed = requireAgreed(s, true);
  if (notAgreed) return notAgreed;
  if (variation.status !== 'pending') return rejectWith('VARIATION_NOT_PENDING', `variation ${command.variationId} is ${variation.status}`);
  if (variation.proposed.proposedBy === command.actor.role) return rejectWith('SAME_PARTY', 'the other party decides a variation');
  return variation;
}

function decisionData(command: AcceptVariation | DeclineVariation, now: Now) {
  const data = { variationId: command.variationId, by: command.actor.role as 'commissioner' | 'provider', on: now.today };
  return command.reason === undefined ? data : { ...data, reason: command.reason };
}

export function decideAcceptVariation(command: AcceptVariation, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const variation = pendingVariation(command, s);
  if (isRejection(variation)) return variation;
  const outside = checkEffectiveFrom(s, variation.proposed.effectiveFrom, variation.proposed.endDate);
  if (outside) return outside;
  return [{ type: 'VariationAccepted', data: decisionData(command, now) }];
}

export function decideDeclineVariation(command: DeclineVariation, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const variation = pendingVariation(command, s);
  if (isRejection(variation)) return variation;
  return [{ type: 'VariationDeclined', data: decisionData(command, now) }];
}

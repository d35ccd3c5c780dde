import { isRejection } from '@ledger/kernel';
import type { AcceptVariation, Now } from './commands';
import { checkEffectiveFrom } from './decide-propose-variation';
import { type Decision, existing } from './decision';
import type { ContractState } from './state';
import { decisionData, pendingVariation } from './variation-decisions';

export function decideAcceptVariation(command: AcceptVariation, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const variation = pendingVariation(command, s);
  if (isRejection(variation)) return variation;
  const outside = checkEffectiveFrom(s, variation.proposed.effectiveFrom, variation.proposed.endDate);
  if (outside) return outside;
  return [{ type: 'VariationAccepted', data: decisionData(command, now) }];
}

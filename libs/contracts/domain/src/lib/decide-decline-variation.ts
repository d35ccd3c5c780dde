import { isRejection } from '@ledger/kernel';
import type { DeclineVariation, Now } from './commands';
import { type Decision, existing } from './decision';
import type { ContractState } from './state';
import { decisionData, pendingVariation } from './variation-decisions';

export function decideDeclineVariation(command: DeclineVariation, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const variation = pendingVariation(command, s);
  if (isRejection(variation)) return variation;
  return [{ type: 'VariationDeclined', data: decisionData(command, now) }];
}

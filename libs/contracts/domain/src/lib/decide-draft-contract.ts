import type { DraftContract, Now } from './commands';
import type { Decision } from './decision';
import { rejectWith } from './errors';
import { checkOutcomeCodes, type DecideContext, sameContent } from './rules';
import type { ContractState } from './state';

export function decideDraftContract(command: DraftContract, state: ContractState, _now: Now, context: DecideContext): Decision {
  const { type: _type, actor: _actor, ...data } = command;
  if (state.status !== 'none') {
    return sameContent(state.drafted, data) ? [] : rejectWith('CONTRACT_EXISTS', `contract ${command.contractId} exists with other content`);
  }
  if (command.endDate < command.startDate) return rejectWith('INVALID_DATES', 'a contract ends on or after its start');
  const unknown = checkOutcomeCodes(command.terms, context);
  if (unknown) return unknown;
  return [{ type: 'ContractDrafted', data }];
}

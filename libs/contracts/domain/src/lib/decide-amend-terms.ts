import { isRejection } from '@ledger/kernel';
import type { AmendTerms, Now } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { checkOutcomeCodes, type DecideContext, sameContent } from './rules';
import type { ContractState } from './state';

export function decideAmendTerms(command: AmendTerms, state: ContractState, _now: Now, context: DecideContext): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  if (s.status !== 'draft') return rejectWith('NOT_DRAFT', 'terms are amended only in draft');
  const endDate = command.endDate ?? s.draftEndDate;
  if (sameContent(command.terms, s.terms) && endDate === s.draftEndDate) return [];
  if (endDate < s.drafted.startDate) return rejectWith('INVALID_DATES', 'a contract ends on or after its start');
  const unknown = checkOutcomeCodes(command.terms, context);
  if (unknown) return unknown;
  return [{ type: 'ContractTermsAmended', data: command.endDate === undefined ? { terms: command.terms } : { terms: command.terms, endDate: command.endDate } }];
}

import type { Party } from '@ledger/contracts-model';
import { isRejection } from '@ledger/kernel';
import type { Now, ProposeVariation } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { checkOutcomeCodes, type DecideContext, requireAgreed, sameContent } from './rules';
import type { ContractState, ExistingContract } from './state';

/** Spec section 4: effectiveFrom lies within the contract as the variation would leave it (proposal and acceptance). */
export function checkEffectiveFrom(s: ExistingContract, effectiveFrom: string, endDate: string | undefined) {
  const end = endDate ?? s.endDate;
  if (effectiveFrom < s.drafted.startDate || effectiveFrom > end) {
    return rejectWith('OUTSIDE_TERM', `effectiveFrom ${effectiveFrom} lies outside the contract (${s.drafted.startDate} to ${end})`);
  }
  return undefined;
}

export function decideProposeVariation(command: ProposeVariation, state: ContractState, _now: Now, context: DecideContext): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const { type: _type, contractId: _contractId, actor, ...body } = command;
  const data = { ...body, proposedBy: actor.role as Party };
  const known = s.variations[command.variationId];
  if (known) return sameContent(known.proposed, data) ? [] : rejectWith('VARIATION_EXISTS', `variation ${command.variationId} exists with other content`);
  const notAgreed = requireAgreed(s, true);
  if (notAgreed) return notAgreed;
  if (command.endDate !== undefined && command.endDate < s.drafted.startDate) return rejectWith('INVALID_DATES', 'a contract ends on or after its start');
  const outside = checkEffectiveFrom(s, command.effectiveFrom, command.endDate);
  if (outside) return outside;
  const unknown = checkOutcomeCodes(command.terms, context);
  if (unknown) return unknown;
  return [{ type: 'VariationProposed', data }];
}

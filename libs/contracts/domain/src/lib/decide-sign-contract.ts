import { hashOfCanonical, isRejection, maxDate } from '@ledger/kernel';
import type { Now, SignContract } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { otherParty } from './rules';
import type { ContractState } from './state';

/** The second signature brings the system's `ContractAgreed` with it: agreed on the later signedOn, over the signed terms. */
export function decideSignContract(command: SignContract, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  if (s.status !== 'draft') return rejectWith('NOT_DRAFT', 'the contract is no longer a draft');
  if (s.signatures[command.party]) return rejectWith('ALREADY_SIGNED', `the ${command.party} has signed`);
  const signed = { type: 'ContractSigned' as const, data: { party: command.party, signedBy: command.signedBy, signedOn: command.signedOn } };
  const other = s.signatures[otherParty(command.party)];
  if (!other) return [signed];
  return [signed, { type: 'ContractAgreed', data: { agreedOn: maxDate(other.signedOn, command.signedOn), termsHash: hashOfCanonical(s.terms) } }];
}

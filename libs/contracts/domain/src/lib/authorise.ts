import type { Party } from '@ledger/contracts-model';
import type { Actor } from '@ledger/kernel';
import { ACTING_PARTY, type ContractCommand } from './commands';
import { type DomainRejection, rejectWith } from './errors';
import type { ContractState } from './state';

function isParty(role: string): role is Party {
  return role === 'commissioner' || role === 'provider';
}

/**
 * Spec section 8, in the precedence of section 4: the contract's 404 (none, another organisation's, or an admin's
 * caller), then 403 (an auditor's write, a party in the wrong role, a party signing as the other). Undefined: allowed.
 */
export function authorise(command: ContractCommand, state: ContractState): DomainRejection | undefined {
  const { actor } = command;
  if (command.type === 'DraftContract') return authoriseDraft(command.commissionerId, actor, state);
  if (state.status === 'none') return rejectWith('CONTRACT_NOT_FOUND', `no contract ${command.contractId}`);
  const orgOf: Record<Party, string> = { commissioner: state.drafted.commissionerId, provider: state.drafted.providerId };
  const isPartyOrg = actor.org === orgOf.commissioner || actor.org === orgOf.provider;
  if (actor.role === 'auditor') return rejectWith('FORBIDDEN', 'auditors read and write nothing');
  if (!isPartyOrg || !isParty(actor.role)) return rejectWith('CONTRACT_NOT_FOUND', `no contract ${command.contractId}`);
  const needed = ACTING_PARTY[command.type];
  const acting = needed === 'either' ? actor.role : needed;
  if (actor.role !== acting || actor.org !== orgOf[acting]) return rejectWith('FORBIDDEN', `this command is the ${acting}'s`);
  if (command.type === 'SignContract' && command.party !== actor.role) return rejectWith('FORBIDDEN', `a ${actor.role} signs only as itself`);
  return undefined;
}

function authoriseDraft(commissionerId: string, actor: Actor, state: ContractState): DomainRejection | undefined {
  if (actor.role !== 'commissioner') return rejectWith('FORBIDDEN', 'a commissioner drafts contracts');
  if (actor.org !== commissionerId) return rejectWith('FORBIDDEN', 'a commissioner drafts contracts for its own organisation');
  // An id is global: a contract of another organisation under it is a conflict, whoever asks (docs/decisions-rules.md).
  if (state.status !== 'none' && state.drafted.commissionerId !== actor.org) return rejectWith('CONTRACT_EXISTS', 'the contract id is taken');
  return undefined;
}

/** Reads (section 8): the two parties and auditors; anyone else, admins included, gets the contract's 404. */
export function authoriseRead(actor: Actor, state: ContractState, contractId: string): DomainRejection | undefined {
  if (state.status === 'none') return rejectWith('CONTRACT_NOT_FOUND', `no contract ${contractId}`);
  if (actor.role === 'auditor') return undefined;
  const isPartyOrg = actor.org === state.drafted.commissionerId || actor.org === state.drafted.providerId;
  return isPartyOrg && isParty(actor.role) ? undefined : rejectWith('CONTRACT_NOT_FOUND', `no contract ${contractId}`);
}

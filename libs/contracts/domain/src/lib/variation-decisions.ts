import type { Party } from '@ledger/contracts-model';
import type { AcceptVariation, DeclineVariation, Now } from './commands';
import { type DomainRejection, rejectWith } from './errors';
import { requireAgreed } from './rules';
import type { ExistingContract, VariationState } from './state';

/** Shared by acceptance and decline: 404, then the state codes in the order of section 4. */
export function pendingVariation(command: AcceptVariation | DeclineVariation, s: ExistingContract): VariationState | DomainRejection {
  const variation = s.variations[command.variationId];
  if (!variation) return rejectWith('VARIATION_NOT_FOUND', `no variation ${command.variationId}`);
  const notAgreed = requireAgreed(s, true);
  if (notAgreed) return notAgreed;
  if (variation.status !== 'pending') return rejectWith('VARIATION_NOT_PENDING', `variation ${command.variationId} is ${variation.status}`);
  if (variation.proposed.proposedBy === command.actor.role) return rejectWith('SAME_PARTY', 'the other party decides a variation');
  return variation;
}

export function decisionData(command: AcceptVariation | DeclineVariation, now: Now) {
  const data = { variationId: command.variationId, by: command.actor.role as Party, on: now.today };
  return command.reason === undefined ? data : { ...data, reason: command.reason };
}

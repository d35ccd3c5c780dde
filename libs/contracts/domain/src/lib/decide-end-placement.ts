import { addDays, isRejection } from '@ledger/kernel';
import type { EndPlacement, Now } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { placementIn } from './rules';
import type { ContractState } from './state';
import { timelineOf } from './timeline-of';

export function decideEndPlacement(command: EndPlacement, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const placement = placementIn(s, command.placementId);
  if (isRejection(placement)) return placement;
  if (command.endDate <= placement.startDate) return rejectWith('INVALID_DATES', `a placement ends from the day after its start (${placement.startDate})`);
  const lastEnd = addDays(timelineOf(s).lastCoveredDay, 1);
  if (command.endDate > lastEnd) return rejectWith('OUTSIDE_TERM', `a placement ends by ${lastEnd}, the day after the last covered day`);
  if (placement.endDate !== null) return rejectWith('PLACEMENT_ENDED', `the placement ended on ${placement.endDate}; correct its dates instead`);
  return [{ type: 'PlacementEnded', data: { placementId: command.placementId, endDate: command.endDate, reasonCode: command.reasonCode } }];
}

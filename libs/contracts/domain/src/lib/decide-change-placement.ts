import { isRejection } from '@ledger/kernel';
import type { ChangePlacement, Now } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { placementIn } from './rules';
import type { ContractState } from './state';
import { timelineOf } from './timeline-of';

export function decideChangePlacement(command: ChangePlacement, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const placement = placementIn(s, command.placementId);
  if (isRejection(placement)) return placement;
  if (!timelineOf(s).covers(command.changedOn)) return rejectWith('OUTSIDE_TERM', `the contract does not cover ${command.changedOn}`);
  if (command.changedOn < placement.startDate) return rejectWith('INVALID_DATES', `the placement starts on ${placement.startDate}`);
  if (placement.endDate !== null && command.changedOn >= placement.endDate) return rejectWith('PLACEMENT_ENDED', `the placement ended on ${placement.endDate}`);
  return [{ type: 'PlacementChanged', data: { placementId: command.placementId, changedOn: command.changedOn, placementType: command.placementType } }];
}

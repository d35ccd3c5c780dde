import { isRejection } from '@ledger/kernel';
import type { CorrectPlacementDates, Now } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { checkPlacementDates, overlapsChildPlacement, placementIn } from './rules';
import type { ContractState } from './state';

export function decideCorrectPlacementDates(command: CorrectPlacementDates, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const placement = placementIn(s, command.placementId);
  if (isRejection(placement)) return placement;
  if (overlapsChildPlacement(s, placement.childRef, command.startDate, command.endDate, command.placementId)) {
    return rejectWith('CHILD_ALREADY_PLACED', `${placement.childRef} has another placement on these nights`);
  }
  const dates = checkPlacementDates(s, command.startDate, command.endDate);
  if (dates) return dates;
  return [
    {
      type: 'PlacementDatesCorrected',
      data: { placementId: command.placementId, startDate: command.startDate, endDate: command.endDate, reason: command.reason },
    },
  ];
}

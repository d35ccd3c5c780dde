import { isRejection } from '@ledger/kernel';
import type { Now, StartPlacement } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { checkPlacementDates, overlapsChildPlacement, requireAgreed, sameContent } from './rules';
import type { ContractState } from './state';

export function decideStartPlacement(command: StartPlacement, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const { type: _type, contractId: _contractId, actor: _actor, ...data } = command;
  const known = s.placements[command.placementId];
  if (known) return sameContent(known.started, data) ? [] : rejectWith('PLACEMENT_EXISTS', `placement ${command.placementId} exists with other content`);
  if (command.reasonCode !== undefined && command.endDate === undefined) {
    return rejectWith('VALIDATION', 'a reasonCode comes only with an endDate', [{ field: 'reasonCode', message: 'comes only with endDate' }]);
  }
  const notAgreed = requireAgreed(s, true);
  if (notAgreed) return notAgreed;
  const endDate = command.endDate ?? null;
  if (overlapsChildPlacement(s, command.childRef, command.startDate, endDate)) {
    return rejectWith('CHILD_ALREADY_PLACED', `${command.childRef} has another placement on these nights`);
  }
  const dates = checkPlacementDates(s, command.startDate, endDate);
  if (dates) return dates;
  return [{ type: 'PlacementStarted', data }];
}

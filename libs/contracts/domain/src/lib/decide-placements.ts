import { addDays, isRejection } from '@ledger/kernel';
import type { ChangePlacement, CorrectPlacementDates, EndPlacement, Now, StartPlacement } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { checkPlacementDates, contractCovers, lastCoveredDay, overlapsChildPlacement, requireAgreed, sameContent } from './rules';
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

export function decideChangePlacement(command: ChangePlacement, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const placement = s.placements[command.placementId];
  if (!placement) return rejectWith('PLACEMENT_NOT_FOUND', `no placement ${command.placementId}`);
  const notAgreed = requireAgreed(s, false);
  if (notAgreed) return notAgreed;
  if (!contractCovers(s, command.changedOn)) return rejectWith('OUTSIDE_TERM', `the contract does not cover ${command.changedOn}`);
  if (command.changedOn < placement.startDate) return rejectWith('INVALID_DATES', `the placement starts on ${placement.startDate}`);
  if (placement.endDate !== null && command.changedOn >= placement.endDate) return rejectWith('PLACEMENT_ENDED', `the placement ended on ${placement.endDate}`);
  return [{ type: 'PlacementChanged', data: { placementId: command.placementId, changedOn: command.changedOn, placementType: command.placementType } }];
}

export function decideEndPlacement(command: EndPlacement, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const placement = s.placements[command.placementId];
  if (!placement) return rejectWith('PLACEMENT_NOT_FOUND', `no placement ${command.placementId}`);
  const notAgreed = requireAgreed(s, false);
  if (notAgreed) return notAgreed;
  if (command.endDate <= placement.startDate) return rejectWith('INVALID_DATES', `a placement ends from the day after its start (${placement.startDate})`);
  const lastEnd = addDays(lastCoveredDay(s), 1);
  if (command.endDate > lastEnd) return rejectWith('OUTSIDE_TERM', `a placement ends by ${lastEnd}, the day after the last covered day`);
  if (placement.endDate !== null) return rejectWith('PLACEMENT_ENDED', `the placement ended on ${placement.endDate}; correct its dates instead`);
  return [{ type: 'PlacementEnded', data: { placementId: command.placementId, endDate: command.endDate, reasonCode: command.reasonCode } }];
}

export function decideCorrectPlacementDates(command: CorrectPlacementDates, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const placement = s.placements[command.placementId];
  if (!placement) return rejectWith('PLACEMENT_NOT_FOUND', `no placement ${command.placementId}`);
  const notAgreed = requireAgreed(s, false);
  if (notAgreed) return notAgreed;
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

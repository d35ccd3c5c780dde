import { isRejection } from '@ledger/kernel';
import type { Now, RecordMeasurement } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { requireAgreed, sameContent } from './rules';
import type { ContractState } from './state';

export function decideRecordMeasurement(command: RecordMeasurement, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const { type: _type, contractId: _contractId, actor: _actor, ...data } = command;
  const known = s.measurements.find((m) => m.measurementId === command.measurementId);
  if (known) return sameContent(known, data) ? [] : rejectWith('MEASUREMENT_EXISTS', `measurement ${command.measurementId} exists with other content`);
  const notAgreed = requireAgreed(s, true);
  if (notAgreed) return notAgreed;
  return [{ type: 'MeasurementRecorded', data }];
}

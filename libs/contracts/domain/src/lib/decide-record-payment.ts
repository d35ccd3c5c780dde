import { isRejection } from '@ledger/kernel';
import type { Now, RecordPayment } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { requireAgreed, sameContent } from './rules';
import type { ContractState } from './state';

export function decideRecordPayment(command: RecordPayment, state: ContractState, _now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const { type: _type, contractId: _contractId, actor: _actor, ...data } = command;
  const known = s.payments[command.paymentId];
  if (known) return sameContent(known, data) ? [] : rejectWith('PAYMENT_EXISTS', `payment ${command.paymentId} exists with other content`);
  const notAgreed = requireAgreed(s, false);
  if (notAgreed) return notAgreed;
  return [{ type: 'PaymentRecorded', data }];
}

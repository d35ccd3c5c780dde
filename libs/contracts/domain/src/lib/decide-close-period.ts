import { statementForClose } from '@ledger/entitlements-domain';
import { isRejection, lastDayOf, nextPeriod, periodOf } from '@ledger/kernel';
import type { ClosePeriod, Now } from './commands';
import { type Decision, existing } from './decision';
import { rejectWith } from './errors';
import { requireAgreed } from './rules';
import type { ContractState } from './state';

/**
 * Periods close strictly in order from the month of startDate; a month at or before the last closed one is
 * already closed, so `PERIOD_OUT_OF_ORDER` is for months before the first or after the next.
 */
export function decideClosePeriod(command: ClosePeriod, state: ContractState, now: Now): Decision {
  const s = existing(state, command.contractId);
  if (isRejection(s)) return s;
  const notAgreed = requireAgreed(s, false);
  if (notAgreed) return notAgreed;
  const first = periodOf(s.drafted.startDate);
  const next = s.lastClosedPeriod === undefined ? first : nextPeriod(s.lastClosedPeriod);
  if (command.period < first || command.period > next) return rejectWith('PERIOD_OUT_OF_ORDER', `the next period to close is ${next}`);
  if (now.today <= lastDayOf(command.period)) return rejectWith('PERIOD_NOT_ENDED', `${command.period} ends on ${lastDayOf(command.period)}`);
  if (command.period < next) return rejectWith('PERIOD_ALREADY_CLOSED', `${command.period} is closed`);
  const { statementHash, statement } = statementForClose(s.events, command.period, now.recordedAt);
  return [{ type: 'PeriodClosed', data: { period: command.period, closedOn: now.today, totals: statement.totals, statementHash } }];
}

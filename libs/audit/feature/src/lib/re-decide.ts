import { verifyContractHistory, type ContractStreamEvent, type HistoryVerdict, type VerifyHistoryOptions } from '@ledger/contracts-domain';

/**
 * `verifyContractHistory` for events read from outside (a file, a store someone may have written to directly):
 * an event the rules cannot even read (a type or data no decider knows) is a failing verdict at its revision, not
 * a crash. Whether the first k events throw only grows with k, so the culprit is found by bisection.
 */
export function reDecide(events: readonly ContractStreamEvent[], options: VerifyHistoryOptions): HistoryVerdict {
  const attempt = (count: number): HistoryVerdict | Error => {
    try {
      return verifyContractHistory(events.slice(0, count), options);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
  const whole = attempt(events.length);
  if (!(whole instanceof Error)) return whole;
  let fine = 0;
  let throws = events.length;
  while (throws - fine > 1) {
    const middle = Math.floor((fine + throws) / 2);
    if (attempt(middle) instanceof Error) throws = middle;
    else fine = middle;
  }
  const failure = attempt(throws);
  const message = failure instanceof Error ? failure.message : whole.message;
  return { ok: false, revision: throws - 1, reason: `the rules cannot read this event (${message})` };
}

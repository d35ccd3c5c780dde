import { assertNever } from '@ledger/contracts-model';
import { authorise } from './authorise';
import type { ContractCommand, Now } from './commands';
import { decideAmendTerms } from './decide-amend-terms';
import { decideClaimOutcome } from './decide-claim-outcome';
import { decideRejectClaim } from './decide-reject-claim';
import { decideReverseClaim } from './decide-reverse-claim';
import { decideVerifyClaim } from './decide-verify-claim';
import { decideClosePeriod } from './decide-close-period';
import { decideDraftContract } from './decide-draft-contract';
import { decideChangePlacement } from './decide-change-placement';
import { decideCorrectPlacementDates } from './decide-correct-placement-dates';
import { decideEndPlacement } from './decide-end-placement';
import { decideStartPlacement } from './decide-start-placement';
import { decideProposeVariation } from './decide-propose-variation';
import { decideRecordMeasurement } from './decide-record-measurement';
import { decideRecordPayment } from './decide-record-payment';
import { decideSignContract } from './decide-sign-contract';
import { decideTerminateContract } from './decide-terminate-contract';
import { decideAcceptVariation } from './decide-accept-variation';
import { decideDeclineVariation } from './decide-decline-variation';
import type { Decision } from './decision';
import type { DecideContext } from './rules';
import type { ContractState } from './state';

/**
 * Every decision of a contract after the request's own checks (body shape, authentication, concurrency):
 * `authorise` first (the contract's 404, then 403), then the command's decider.
 */
export function decide(command: ContractCommand, state: ContractState, now: Now, context: DecideContext = {}): Decision {
  const denied = authorise(command, state);
  if (denied) return denied;
  switch (command.type) {
    case 'DraftContract':
      return decideDraftContract(command, state, now, context);
    case 'AmendTerms':
      return decideAmendTerms(command, state, now, context);
    case 'SignContract':
      return decideSignContract(command, state, now);
    case 'ProposeVariation':
      return decideProposeVariation(command, state, now, context);
    case 'AcceptVariation':
      return decideAcceptVariation(command, state, now);
    case 'DeclineVariation':
      return decideDeclineVariation(command, state, now);
    case 'StartPlacement':
      return decideStartPlacement(command, state, now);
    case 'ChangePlacement':
      return decideChangePlacement(command, state, now);
    case 'EndPlacement':
      return decideEndPlacement(command, state, now);
    case 'CorrectPlacementDates':
      return decideCorrectPlacementDates(command, state, now);
    case 'RecordMeasurement':
      return decideRecordMeasurement(command, state, now);
    case 'ClaimOutcome':
      return decideClaimOutcome(command, state, now);
    case 'VerifyClaim':
      return decideVerifyClaim(command, state, now);
    case 'RejectClaim':
      return decideRejectClaim(command, state, now);
    case 'ReverseClaim':
      return decideReverseClaim(command, state, now);
    case 'RecordPayment':
      return decideRecordPayment(command, state, now);
    case 'ClosePeriod':
      return decideClosePeriod(command, state, now);
    case 'TerminateContract':
      return decideTerminateContract(command, state, now);
    default:
      return assertNever(command);
  }
}

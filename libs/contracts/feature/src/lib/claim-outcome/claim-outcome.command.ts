import type { ClaimOutcome } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class ClaimOutcomeCommand extends ContractCommandMessage<ClaimOutcome> {}

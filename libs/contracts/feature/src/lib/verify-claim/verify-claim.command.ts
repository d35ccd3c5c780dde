import type { VerifyClaim } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class VerifyClaimCommand extends ContractCommandMessage<VerifyClaim> {}

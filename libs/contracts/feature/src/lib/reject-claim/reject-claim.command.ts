import type { RejectClaim } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class RejectClaimCommand extends ContractCommandMessage<RejectClaim> {}

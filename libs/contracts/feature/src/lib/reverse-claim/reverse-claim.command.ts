import type { ReverseClaim } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class ReverseClaimCommand extends ContractCommandMessage<ReverseClaim> {}

import type { TerminateContract } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class TerminateContractCommand extends ContractCommandMessage<TerminateContract> {}

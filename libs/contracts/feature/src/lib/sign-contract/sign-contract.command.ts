import type { SignContract } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class SignContractCommand extends ContractCommandMessage<SignContract> {}

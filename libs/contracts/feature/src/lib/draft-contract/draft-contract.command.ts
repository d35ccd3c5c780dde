import type { DraftContract } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class DraftContractCommand extends ContractCommandMessage<DraftContract> {}

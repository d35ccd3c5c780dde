import type { ChangePlacement } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class ChangePlacementCommand extends ContractCommandMessage<ChangePlacement> {}

import type { StartPlacement } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class StartPlacementCommand extends ContractCommandMessage<StartPlacement> {}

import type { EndPlacement } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class EndPlacementCommand extends ContractCommandMessage<EndPlacement> {}

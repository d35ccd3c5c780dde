import type { AcceptVariation } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class AcceptVariationCommand extends ContractCommandMessage<AcceptVariation> {}

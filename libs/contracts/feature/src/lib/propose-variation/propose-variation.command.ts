import type { ProposeVariation } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class ProposeVariationCommand extends ContractCommandMessage<ProposeVariation> {}

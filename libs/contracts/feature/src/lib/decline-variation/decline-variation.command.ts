import type { DeclineVariation } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class DeclineVariationCommand extends ContractCommandMessage<DeclineVariation> {}

import type { AmendTerms } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class AmendTermsCommand extends ContractCommandMessage<AmendTerms> {}

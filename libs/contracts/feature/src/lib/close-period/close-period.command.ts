import type { ClosePeriod } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class ClosePeriodCommand extends ContractCommandMessage<ClosePeriod> {}

import type { RecordPayment } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class RecordPaymentCommand extends ContractCommandMessage<RecordPayment> {}

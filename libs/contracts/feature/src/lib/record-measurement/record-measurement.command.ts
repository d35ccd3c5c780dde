import type { RecordMeasurement } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class RecordMeasurementCommand extends ContractCommandMessage<RecordMeasurement> {}

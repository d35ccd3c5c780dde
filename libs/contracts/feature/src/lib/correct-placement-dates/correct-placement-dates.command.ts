import type { CorrectPlacementDates } from '@ledger/contracts-domain';
import { ContractCommandMessage } from '../contract-command-gateway';

export class CorrectPlacementDatesCommand extends ContractCommandMessage<CorrectPlacementDates> {}

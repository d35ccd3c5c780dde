import { DynamicModule, Module } from '@nestjs/common';
import type { EventStore } from '@ledger/event-store';
import { ContractCommandGateway } from './contract-command-gateway';
import { ContractCommandPipeline } from './contract-command-pipeline';
import { CONTRACTS_EVENT_STORE } from './contract-stream';
import { ContractReader } from './read-contracts/contract-reader';
import { ReadContractsController } from './read-contracts/read-contracts.controller';
import { DraftContractController } from './draft-contract/draft-contract.controller';
import { AmendTermsController } from './amend-terms/amend-terms.controller';
import { SignContractController } from './sign-contract/sign-contract.controller';
import { ProposeVariationController } from './propose-variation/propose-variation.controller';
import { AcceptVariationController } from './accept-variation/accept-variation.controller';
import { DeclineVariationController } from './decline-variation/decline-variation.controller';
import { StartPlacementController } from './start-placement/start-placement.controller';
import { ChangePlacementController } from './change-placement/change-placement.controller';
import { EndPlacementController } from './end-placement/end-placement.controller';
import { CorrectPlacementDatesController } from './correct-placement-dates/correct-placement-dates.controller';
import { RecordMeasurementController } from './record-measurement/record-measurement.controller';
import { ClaimOutcomeController } from './claim-outcome/claim-outcome.controller';
import { VerifyClaimController } from './verify-claim/verify-claim.controller';
import { RejectClaimController } from './reject-claim/reject-claim.controller';
import { ReverseClaimController } from './reverse-claim/reverse-claim.controller';
import { RecordPaymentController } from './record-payment/record-payment.controller';
import { ClosePeriodController } from './close-period/close-period.controller';
import { TerminateContractController } from './terminate-contract/terminate-contract.controller';
import { DraftContractHandler } from './draft-contract/draft-contract.handler';
import { AmendTermsHandler } from './amend-terms/amend-terms.handler';
import { SignContractHandler } from './sign-contract/sign-contract.handler';
import { ProposeVariationHandler } from './propose-variation/propose-variation.handler';
import { AcceptVariationHandler } from './accept-variation/accept-variation.handler';
import { DeclineVariationHandler } from './decline-variation/decline-variation.handler';
import { StartPlacementHandler } from './start-placement/start-placement.handler';
import { ChangePlacementHandler } from './change-placement/change-placement.handler';
import { EndPlacementHandler } from './end-placement/end-placement.handler';
import { CorrectPlacementDatesHandler } from './correct-placement-dates/correct-placement-dates.handler';
import { RecordMeasurementHandler } from './record-measurement/record-measurement.handler';
import { ClaimOutcomeHandler } from './claim-outcome/claim-outcome.handler';
import { VerifyClaimHandler } from './verify-claim/verify-claim.handler';
import { RejectClaimHandler } from './reject-claim/reject-claim.handler';
import { ReverseClaimHandler } from './reverse-claim/reverse-claim.handler';
import { RecordPaymentHandler } from './record-payment/record-payment.handler';
import { ClosePeriodHandler } from './close-period/close-period.handler';
import { TerminateContractHandler } from './terminate-contract/terminate-contract.handler';
import { ImportSsda903Controller } from './import-ssda903/import-ssda903.controller';

const CONTROLLERS = [
  DraftContractController,
  AmendTermsController,
  SignContractController,
  ProposeVariationController,
  AcceptVariationController,
  DeclineVariationController,
  StartPlacementController,
  ChangePlacementController,
  EndPlacementController,
  CorrectPlacementDatesController,
  RecordMeasurementController,
  ClaimOutcomeController,
  VerifyClaimController,
  RejectClaimController,
  ReverseClaimController,
  RecordPaymentController,
  ClosePeriodController,
  TerminateContractController,
  ReadContractsController,
  ImportSsda903Controller,
];

const HANDLERS = [
  DraftContractHandler,
  AmendTermsHandler,
  SignContractHandler,
  ProposeVariationHandler,
  AcceptVariationHandler,
  DeclineVariationHandler,
  StartPlacementHandler,
  ChangePlacementHandler,
  EndPlacementHandler,
  CorrectPlacementDatesHandler,
  RecordMeasurementHandler,
  ClaimOutcomeHandler,
  VerifyClaimHandler,
  RejectClaimHandler,
  ReverseClaimHandler,
  RecordPaymentHandler,
  ClosePeriodHandler,
  TerminateContractHandler,
];

/**
 * Every contract command of spec section 9 (one folder per use case) and the contract reads. The app module's
 * `CqrsModule.forRoot()` finds the handlers; the (global) framework module gives the catalogue terms are checked against.
 */
@Module({})
export class ContractsFeatureModule {
  static forRoot(store: EventStore): DynamicModule {
    return {
      module: ContractsFeatureModule,
      controllers: CONTROLLERS,
      providers: [{ provide: CONTRACTS_EVENT_STORE, useValue: store }, ContractCommandPipeline, ContractCommandGateway, ContractReader, ...HANDLERS],
    };
  }
}

import type { ContractCommandType } from '@ledger/contracts-domain';
import { DraftContractDto } from './draft-contract/draft-contract.dto';
import { AmendTermsDto } from './amend-terms/amend-terms.dto';
import { SignContractDto } from './sign-contract/sign-contract.dto';
import { ProposeVariationDto } from './propose-variation/propose-variation.dto';
import { AcceptVariationDto } from './accept-variation/accept-variation.dto';
import { DeclineVariationDto } from './decline-variation/decline-variation.dto';
import { StartPlacementDto } from './start-placement/start-placement.dto';
import { ChangePlacementDto } from './change-placement/change-placement.dto';
import { EndPlacementDto } from './end-placement/end-placement.dto';
import { CorrectPlacementDatesDto } from './correct-placement-dates/correct-placement-dates.dto';
import { RecordMeasurementDto } from './record-measurement/record-measurement.dto';
import { ClaimOutcomeDto } from './claim-outcome/claim-outcome.dto';
import { VerifyClaimDto } from './verify-claim/verify-claim.dto';
import { RejectClaimDto } from './reject-claim/reject-claim.dto';
import { ReverseClaimDto } from './reverse-claim/reverse-claim.dto';
import { RecordPaymentDto } from './record-payment/record-payment.dto';
import { ClosePeriodDto } from './close-period/close-period.dto';
import { TerminateContractDto } from './terminate-contract/terminate-contract.dto';

/** The body each contract command takes over HTTP (path ids and server-computed members excluded). */
export const COMMAND_BODIES: Record<ContractCommandType, new () => object> = {
  DraftContract: DraftContractDto,
  AmendTerms: AmendTermsDto,
  SignContract: SignContractDto,
  ProposeVariation: ProposeVariationDto,
  AcceptVariation: AcceptVariationDto,
  DeclineVariation: DeclineVariationDto,
  StartPlacement: StartPlacementDto,
  ChangePlacement: ChangePlacementDto,
  EndPlacement: EndPlacementDto,
  CorrectPlacementDates: CorrectPlacementDatesDto,
  RecordMeasurement: RecordMeasurementDto,
  ClaimOutcome: ClaimOutcomeDto,
  VerifyClaim: VerifyClaimDto,
  RejectClaim: RejectClaimDto,
  ReverseClaim: ReverseClaimDto,
  RecordPayment: RecordPaymentDto,
  ClosePeriod: ClosePeriodDto,
  TerminateContract: TerminateContractDto,
};

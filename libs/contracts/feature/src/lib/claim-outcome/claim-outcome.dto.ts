import { DateField, IdField, ListField, LONG_TEXT, SHORT_TEXT, TextField } from '@ledger/outcome-framework-feature';

export class EvidenceDto {
  @TextField(SHORT_TEXT, { example: 'document' })
  kind!: string;

  @TextField(LONG_TEXT, { example: 'DMS-123' })
  ref!: string;
}

/** ClaimOutcome (spec section 9). */
export class ClaimOutcomeDto {
  @IdField({ example: 'CL-1' })
  claimId!: string;

  @IdField({ example: 'PL-3001' })
  placementId!: string;

  @IdField({ example: 'CH-101' })
  childRef!: string;

  @IdField({ example: 'EET-START' })
  outcomeCode!: string;

  @DateField()
  achievedOn!: string;

  @ListField(() => EvidenceDto, { nonEmpty: true })
  evidence!: EvidenceDto[];
}

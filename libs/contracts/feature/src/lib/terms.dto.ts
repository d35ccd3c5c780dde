import { IdField, ListField, NestedField, OneOfField, OutcomeDefinitionDto, PenceField, SHORT_TEXT, TextField, TextListField, UniqueCodes } from '@ledger/outcome-framework-feature';

/** A fee line (spec section 3, Terms): a price per week (7) or per day (1), for some placement types or all. */
export class FeeDto {
  @IdField({ example: 'WEEKLY' })
  code!: string;

  @TextField(SHORT_TEXT)
  name!: string;

  @PenceField()
  pricePence!: number;

  @OneOfField([1, 7])
  unitDays!: 1 | 7;

  @TextListField(SHORT_TEXT, { optional: true })
  placementTypes?: string[];
}

/** An outcome the contract pays for: a definition of the catalogue's kinds with the contract's own code and price. */
export class OutcomeTermDto extends OutcomeDefinitionDto {
  @IdField({ example: 'EET-START' })
  code!: string;

  @TextField(SHORT_TEXT)
  name!: string;

  @OneOfField(['hard', 'soft'])
  category!: 'hard' | 'soft';

  @PenceField()
  pricePence!: number;
}

export class CapsDto {
  @PenceField({ optional: true })
  perChildPence?: number;

  @PenceField({ optional: true })
  contractPence?: number;
}

/** The terms a draft, an amendment or a variation sets. */
export class TermsDto {
  @ListField(() => FeeDto)
  @UniqueCodes()
  fees!: FeeDto[];

  @ListField(() => OutcomeTermDto)
  @UniqueCodes()
  outcomes!: OutcomeTermDto[];

  @NestedField(() => CapsDto)
  caps!: CapsDto;
}

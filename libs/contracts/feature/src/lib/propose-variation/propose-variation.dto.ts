import { DateField, IdField, LONG_TEXT, NestedField, TextField } from '@ledger/outcome-framework-feature';
import { TermsDto } from '../terms.dto';

/** ProposeVariation (spec section 9). */
export class ProposeVariationDto {
  @IdField({ example: 'VAR-1' })
  variationId!: string;

  @DateField()
  effectiveFrom!: string;

  @NestedField(() => TermsDto)
  terms!: TermsDto;

  @DateField({ optional: true })
  endDate?: string;

  @TextField(LONG_TEXT)
  reason!: string;
}

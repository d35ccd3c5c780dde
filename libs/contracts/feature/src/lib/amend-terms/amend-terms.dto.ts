import { DateField, NestedField } from '@ledger/outcome-framework-feature';
import { TermsDto } from '../terms.dto';

/** AmendTerms (spec section 9): new terms for a draft, and its end date if it moves. */
export class AmendTermsDto {
  @NestedField(() => TermsDto)
  terms!: TermsDto;

  @DateField({ optional: true })
  endDate?: string;
}

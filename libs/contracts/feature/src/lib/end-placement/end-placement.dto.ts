import { DateField, SHORT_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** EndPlacement (spec section 9). */
export class EndPlacementDto {
  @DateField()
  endDate!: string;

  @TextField(SHORT_TEXT, { example: 'E4A' })
  reasonCode!: string;
}

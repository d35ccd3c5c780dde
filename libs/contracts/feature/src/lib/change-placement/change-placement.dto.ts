import { DateField, SHORT_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** ChangePlacement (spec section 9). */
export class ChangePlacementDto {
  @DateField()
  changedOn!: string;

  @TextField(SHORT_TEXT, { example: 'U4' })
  placementType!: string;
}

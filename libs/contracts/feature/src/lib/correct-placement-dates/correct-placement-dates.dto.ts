import { DateField, LONG_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** CorrectPlacementDates (spec section 9): `endDate` is required and `null` reopens the placement. */
export class CorrectPlacementDatesDto {
  @DateField()
  startDate!: string;

  @DateField({ nullable: true })
  endDate!: string | null;

  @TextField(LONG_TEXT)
  reason!: string;
}

import { DateField, LONG_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** TerminateContract (spec section 9). */
export class TerminateContractDto {
  @DateField()
  terminatedOn!: string;

  @TextField(LONG_TEXT)
  reason!: string;
}

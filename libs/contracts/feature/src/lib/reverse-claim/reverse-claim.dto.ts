import { LONG_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** ReverseClaim (spec section 9). */
export class ReverseClaimDto {
  @TextField(LONG_TEXT)
  reason!: string;
}

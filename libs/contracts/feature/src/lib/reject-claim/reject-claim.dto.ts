import { LONG_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** RejectClaim (spec section 9). */
export class RejectClaimDto {
  @TextField(LONG_TEXT)
  reason!: string;
}

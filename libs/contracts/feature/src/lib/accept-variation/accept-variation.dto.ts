import { LONG_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** AcceptVariation (spec section 9). */
export class AcceptVariationDto {
  @TextField(LONG_TEXT, { optional: true })
  reason?: string;
}

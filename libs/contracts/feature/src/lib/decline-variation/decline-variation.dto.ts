import { LONG_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** DeclineVariation (spec section 9). */
export class DeclineVariationDto {
  @TextField(LONG_TEXT, { optional: true })
  reason?: string;
}

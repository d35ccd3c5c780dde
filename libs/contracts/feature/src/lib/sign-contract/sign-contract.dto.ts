import { DateField, OneOfField, SHORT_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** SignContract (spec section 9). */
export class SignContractDto {
  @OneOfField(['commissioner', 'provider'])
  party!: 'commissioner' | 'provider';

  @TextField(SHORT_TEXT)
  signedBy!: string;

  @DateField()
  signedOn!: string;
}

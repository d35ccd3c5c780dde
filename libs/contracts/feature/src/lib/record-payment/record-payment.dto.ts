import { DateField, IdField, OneOfField, PenceField, SHORT_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** RecordPayment (spec section 9). */
export class RecordPaymentDto {
  @IdField({ example: 'PAY-1' })
  paymentId!: string;

  @PenceField()
  amountPence!: number;

  @OneOfField(['toProvider', 'toCommissioner'])
  direction!: 'toProvider' | 'toCommissioner';

  @DateField()
  paidOn!: string;

  @TextField(SHORT_TEXT, { example: 'BACS 0001' })
  reference!: string;
}

import { DateField, IdField, IntegerField, SHORT_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** RecordMeasurement (spec section 9). */
export class RecordMeasurementDto {
  @IdField({ example: 'M-1' })
  measurementId!: string;

  @IdField({ example: 'CH-101' })
  childRef!: string;

  @TextField(SHORT_TEXT, { example: 'SDQ' })
  instrument!: string;

  @IntegerField(-Number.MAX_SAFE_INTEGER)
  score!: number;

  @DateField()
  measuredOn!: string;
}

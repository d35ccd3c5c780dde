import { LONG_TEXT, TextField } from '../request-validation';

/** `POST /api/outcome-framework/definitions/{code}/retirement` (spec section 9). */
export class RetireDefinitionDto {
  @TextField(LONG_TEXT, { example: 'superseded by EET-SUSTAINED' })
  reason!: string;
}

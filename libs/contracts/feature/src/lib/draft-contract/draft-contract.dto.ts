import { DateField, IdField, NestedField, SHORT_TEXT, TextField } from '@ledger/outcome-framework-feature';
import { TermsDto } from '../terms.dto';

/** `POST /api/contracts` (spec section 9, DraftContract). */
export class DraftContractDto {
  @IdField({ example: 'C-2024-001' })
  contractId!: string;

  @IdField({ example: 'LA-NORTH' })
  commissionerId!: string;

  @IdField({ example: 'PROV-1' })
  providerId!: string;

  @TextField(SHORT_TEXT)
  title!: string;

  @DateField()
  startDate!: string;

  @DateField()
  endDate!: string;

  @NestedField(() => TermsDto)
  terms!: TermsDto;
}

import { DateField, IdField, NestedField, OnlyWith, SHORT_TEXT, TextField } from '@ledger/outcome-framework-feature';

/** The SSDA903 return's fields for a placement imported from it. */
export class Ssda903Dto {
  @TextField(SHORT_TEXT)
  rne!: string;

  @TextField(SHORT_TEXT)
  ls!: string;

  @TextField(SHORT_TEXT)
  cin!: string;

  @TextField(SHORT_TEXT)
  placeProvider!: string;

  @TextField(SHORT_TEXT)
  urn!: string;

  @DateField({ optional: true })
  decom?: string;
}

/** StartPlacement (spec section 9): a placement starting, or a past one whole with its end and reason. */
export class StartPlacementDto {
  @IdField({ example: 'PL-3001' })
  placementId!: string;

  @IdField({ example: 'CH-101' })
  childRef!: string;

  @DateField()
  startDate!: string;

  @TextField(SHORT_TEXT, { example: 'U4' })
  placementType!: string;

  @DateField({ optional: true })
  endDate?: string;

  @OnlyWith('endDate')
  @TextField(SHORT_TEXT, { optional: true, description: 'only with an endDate' })
  reasonCode?: string;

  @NestedField(() => Ssda903Dto, { optional: true })
  ssda903?: Ssda903Dto;
}

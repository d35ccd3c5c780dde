import { applyDecorators } from '@nestjs/common';
import { registerDecorator, ValidateIf, type ValidationArguments } from 'class-validator';
import type { OutcomeDefinition } from '@ledger/contracts-model';
import { IdField, IntegerField, NestedField, OneOfField, PenceField, SHORT_TEXT, TextField, TextListField } from '../request-validation';

type Kind = OutcomeDefinition['kind'];
const KINDS: readonly Kind[] = ['attainment', 'improvement', 'duration'];

/**
 * A member of some definition kinds only (spec section 3, Terms), required by some of them. Checked here rather
 * than by one class per kind: the kind is a value in the body, and a wrong kind is reported on `kind` alone.
 */
function KindMember(kinds: readonly Kind[], requiredFor: readonly Kind[] = []): PropertyDecorator {
  const applies = (object: object) => KINDS.includes((object as { kind?: Kind }).kind as Kind);
  return applyDecorators(
    ValidateIf((object: object, value: unknown) => applies(object) && (value !== undefined || requiredFor.includes((object as { kind: Kind }).kind))),
    ((target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'kindMember',
        target: target.constructor,
        propertyName: String(propertyName),
        validator: {
          validate: (value: unknown, args: ValidationArguments) => value !== null && kinds.includes((args.object as { kind: Kind }).kind),
          defaultMessage: (args: ValidationArguments) =>
            args.value === null ? 'must be omitted rather than null' : `is not a member of a ${(args.object as { kind: Kind }).kind} definition`,
        },
      })) as PropertyDecorator,
  );
}

/** An outcome definition (spec section 3): its kind and that kind's members. */
export class OutcomeDefinitionDto {
  @OneOfField(KINDS, { example: 'attainment' })
  kind!: Kind;

  @KindMember(['attainment'])
  @IntegerField(1, { optional: true, description: 'attainment: claims per child' })
  maxPerChild?: number;

  @KindMember(['attainment'])
  @IdField({ optional: true, description: 'attainment: the outcome code claimed first', example: 'EET-START' })
  requires?: string;

  @KindMember(['attainment'])
  @IntegerField(0, { optional: true, description: 'attainment: days after the required outcome' })
  minDaysAfterRequired?: number;

  @KindMember(['attainment'])
  @IntegerField(0, { optional: true, description: 'attainment: days to claim after achievement' })
  claimWindowDays?: number;

  @KindMember(['improvement'], ['improvement'])
  @TextField(SHORT_TEXT, { conditional: true, description: 'improvement (required): the measurement instrument' })
  instrument?: string;

  @KindMember(['improvement'], ['improvement'])
  @OneOfField(['lower', 'higher'], { conditional: true, description: 'improvement (required): which way is better' })
  direction?: 'lower' | 'higher';

  @KindMember(['improvement'], ['improvement'])
  @IntegerField(1, { conditional: true, description: 'improvement (required): the smallest change that counts' })
  minImprovement?: number;

  @KindMember(['duration'], ['duration'])
  @IntegerField(1, { conditional: true, description: 'duration (required): days in one unit' })
  unitDays?: number;

  @KindMember(['duration'])
  @IntegerField(1, { optional: true, description: 'duration: units per child' })
  maxUnitsPerChild?: number;

  @KindMember(['duration'])
  @TextListField(SHORT_TEXT, { optional: true, description: 'duration: the PLACE codes that count' })
  placementTypes?: string[];
}

/** `POST /api/outcome-framework/definitions` (spec section 9). */
export class PublishDefinitionDto {
  @IdField({ example: 'EET-START' })
  code!: string;

  @TextField(SHORT_TEXT)
  name!: string;

  @OneOfField(['hard', 'soft'])
  category!: 'hard' | 'soft';

  @NestedField(() => OutcomeDefinitionDto)
  definition!: OutcomeDefinitionDto;

  @PenceField({ optional: true })
  indicativePricePence?: number;

  @TextField(SHORT_TEXT, { optional: true, allowEmpty: true })
  source?: string;
}

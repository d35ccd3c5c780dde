import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  getMetadataStorage,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  registerDecorator,
  validate,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
  type ValidationError,
} from 'class-validator';
import { ID_PATTERN, isValidDate, MAX_AMOUNT_PENCE } from '@ledger/kernel';
import type { FieldError } from '@ledger/outcome-framework-domain';

/** Spec section 7's lengths: names, codes and references; reasons and evidence references. */
export const SHORT_TEXT = 500;
export const LONG_TEXT = 2000;

interface FieldOptions {
  /** Absent is fine, `null` is not (spec section 7: optional members are omitted, never null). */
  optional?: boolean;
  /** The member must be present but may be `null` (a correction clearing an end date). */
  nullable?: boolean;
  /** Presence is decided by another decorator (a definition member some kinds require); documented as optional. */
  conditional?: boolean;
  /** Text that may be empty (a publication's `source`). */
  allowEmpty?: boolean;
  description?: string;
  example?: unknown;
}

function presence(options: FieldOptions): PropertyDecorator[] {
  if (options.nullable) return [ValidateIf((_object: object, value: unknown) => value !== null)];
  // Not `IsOptional`: it skips null as well, and null in an optional member is a 400.
  if (options.optional) return [ValidateIf((_object: object, value: unknown) => value !== undefined), NotNull()];
  return options.conditional ? [] : [IsDefined({ message: 'is required' })];
}

function schema(options: FieldOptions, extra: ApiPropertyOptions): PropertyDecorator {
  return ApiProperty({
    required: !options.optional && !options.conditional,
    ...(options.nullable ? { nullable: true } : {}),
    ...(options.description === undefined ? {} : { description: options.description }),
    ...(options.example === undefined ? {} : { example: options.example }),
    ...extra,
  } as ApiPropertyOptions);
}

const NOT_NULL = 'notNull';

function NotNull(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: NOT_NULL,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: (value: unknown) => value !== null, defaultMessage: () => 'is optional: omit it rather than send null' },
    });
}

/** A real calendar date `YYYY-MM-DD` (`2025-02-30` is refused), by the kernel's `isValidDate`. */
export function IsIsoDate(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: (value: unknown) => isValidDate(value), defaultMessage: () => 'must be a real calendar date YYYY-MM-DD' },
    });
}

/** Spec section 3: a code appears once in one set of terms; the error names the second entry's code. */
export function UniqueCodes(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: UNIQUE_CODES,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: (value: unknown) => duplicateIndexes(value).length === 0, defaultMessage: () => 'appears twice in these terms' },
    });
}

const UNIQUE_CODES = 'uniqueCodes';

function duplicateIndexes(entries: unknown): number[] {
  if (!Array.isArray(entries)) return [];
  const seen = new Set<unknown>();
  const duplicates: number[] = [];
  entries.forEach((entry: unknown, index) => {
    const code = (entry as { code?: unknown } | null)?.code;
    if (seen.has(code)) duplicates.push(index);
    seen.add(code);
  });
  return duplicates;
}

/** A member that may only be sent with another one (a placement's `reasonCode` with its `endDate`). */
export function OnlyWith(sibling: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'onlyWith',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [sibling],
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => (args.object as Record<string, unknown>)[sibling] !== undefined,
        defaultMessage: () => `comes only with an ${sibling}`,
      },
    });
}

export function IdField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    IsString({ message: 'must be an id' }),
    Matches(ID_PATTERN, { message: 'must be an id: a letter or digit, then up to 63 letters, digits, dots, dashes or underscores' }),
    schema(options, { type: String, pattern: ID_PATTERN.source, example: options.example ?? 'PL-3001' }),
  );
}

export function DateField(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(...presence(options), IsIsoDate(), schema(options, { type: String, format: 'date', example: options.example ?? '2024-04-01' }));
}

export function TextField(maxLength: number, options: FieldOptions = {}): PropertyDecorator {
  const minLength = options.allowEmpty ? 0 : 1;
  const message = `must be a string of ${minLength} to ${maxLength} characters`;
  return applyDecorators(
    ...presence(options),
    IsString({ message }),
    Length(minLength, maxLength, { message }),
    schema(options, { type: String, minLength, maxLength }),
  );
}

export function PenceField(options: FieldOptions = {}): PropertyDecorator {
  const message = `must be an integer number of pence from 1 to ${MAX_AMOUNT_PENCE}`;
  return applyDecorators(
    ...presence(options),
    IsInt({ message }),
    Min(1, { message }),
    Max(MAX_AMOUNT_PENCE, { message }),
    schema(options, { type: 'integer', minimum: 1, maximum: MAX_AMOUNT_PENCE, example: options.example ?? 82000 }),
  );
}

export function IntegerField(minimum: number, options: FieldOptions = {}): PropertyDecorator {
  const message = minimum === 0 ? 'must be an integer >= 0' : minimum === 1 ? 'must be an integer > 0' : 'must be an integer';
  return applyDecorators(
    ...presence(options),
    IsInt({ message }),
    Min(minimum, { message }),
    Max(Number.MAX_SAFE_INTEGER, { message }),
    schema(options, { type: 'integer', minimum }),
  );
}

export function OneOfField(values: readonly (string | number)[], options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presence(options),
    IsIn([...values], { message: `must be one of ${values.join(', ')}` }),
    schema(options, { enum: [...values], type: typeof values[0] === 'number' ? 'integer' : String }),
  );
}

/** @nestjs/swagger recognises a lazy type by the function's name being `type`. */
function lazy(thunk: () => new () => object): () => new () => object {
  return { type: () => thunk() }.type;
}

export function NestedField(type: () => new () => object, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(...presence(options), IsObject({ message: 'must be a JSON object' }), ValidateNested(), Type(type), schema(options, { type: lazy(type) }));
}

export function ListField(type: () => new () => object, options: FieldOptions & { nonEmpty?: boolean } = {}): PropertyDecorator {
  const message = options.nonEmpty ? 'must be a non-empty list' : 'must be a list';
  return applyDecorators(
    ...presence(options),
    IsArray({ message }),
    ...(options.nonEmpty ? [ArrayNotEmpty({ message })] : []),
    ValidateNested({ each: true }),
    Type(type),
    schema(options, { type: lazy(type), isArray: true }),
  );
}

export function TextListField(maxLength: number, options: FieldOptions = {}): PropertyDecorator {
  const message = 'must be a non-empty list of strings';
  return applyDecorators(
    ...presence(options),
    IsArray({ message }),
    ArrayNotEmpty({ message }),
    IsString({ each: true, message }),
    Length(1, maxLength, { each: true, message }),
    schema(options, { type: String, isArray: true, minItems: 1 }),
  );
}

const NOT_A_MEMBER = 'whitelistValidation';

/**
 * 400 for the request itself, by a DTO class: class-transformer without implicit conversion (a "5" stays a string),
 * class-validator refusing unknown members, and one `{field, message}` per wrong member, with the paths
 * `validateCommandBody` reports (`terms.fees[0].pricePence`, `(body)`). Empty: the body is well formed.
 */
export async function validateBody(dto: new () => object, body: unknown): Promise<FieldError[]> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [{ field: '(body)', message: 'must be a JSON object' }];
  // class-validator reads a class without rules as an unknown value; a body-less command takes `{}` and nothing more.
  if (getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).length === 0) {
    return Object.keys(body).map((field) => ({ field, message: 'is not a member of this command' }));
  }
  const instance = plainToInstance(dto, body, { enableImplicitConversion: false });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: true } });
  return errors.flatMap((error) => fieldErrors(error, ''));
}

function fieldErrors(error: ValidationError, parent: string): FieldError[] {
  const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
  const own = ownErrors(error, field);
  return [...own, ...(error.children ?? []).flatMap((child) => fieldErrors(child, field))];
}

function ownErrors(error: ValidationError, field: string): FieldError[] {
  const constraints = error.constraints ?? {};
  if (NOT_A_MEMBER in constraints) return [{ field, message: 'is not a member of this command' }];
  if (UNIQUE_CODES in constraints) {
    const rest = Object.entries(constraints).filter(([name]) => name !== UNIQUE_CODES);
    return [
      ...(rest.length > 0 ? [{ field, message: unique(rest.map(([, message]) => message)) }] : []),
      ...duplicateIndexes(error.value).map((index) => ({ field: `${field}[${index}].code`, message: constraints[UNIQUE_CODES] })),
    ];
  }
  const messages = Object.values(constraints);
  if (messages.length === 0) return [];
  if (error.value === undefined) return [{ field, message: 'is required' }];
  if (NOT_NULL in constraints) return [{ field, message: constraints[NOT_NULL] }];
  return [{ field, message: unique(messages) }];
}

function unique(messages: string[]): string {
  return [...new Set(messages)].join('; ');
}

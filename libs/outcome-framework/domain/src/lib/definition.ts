import type { OutcomeDefinition } from '@ledger/contracts-model';
import { isValidId } from '@ledger/kernel';

export interface FieldError {
  field: string;
  message: string;
}

const DEFINITION_FIELDS: Record<OutcomeDefinition['kind'], { required: string[]; optional: string[] }> = {
  attainment: { required: ['kind'], optional: ['maxPerChild', 'requires', 'minDaysAfterRequired', 'claimWindowDays'] },
  improvement: { required: ['kind', 'instrument', 'direction', 'minImprovement'], optional: [] },
  duration: { required: ['kind', 'unitDays'], optional: ['maxUnitsPerChild', 'placementTypes'] },
};

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isNonNegativeInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isShortString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= 500;
}

/**
 * The shape of a definition kind (spec section 3, Terms). `extraFields` lets a contract's outcome entry carry
 * its own members (code, name, category, pricePence) next to the definition's without them counting as unknown.
 */
export function validateDefinition(value: unknown, field: string, extraFields: readonly string[] = []): FieldError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ field, message: 'must be an object' }];
  const record = value as Record<string, unknown>;
  const kind = record['kind'];
  if (kind !== 'attainment' && kind !== 'improvement' && kind !== 'duration') {
    return [{ field: `${field}.kind`, message: 'must be attainment, improvement or duration' }];
  }
  const errors: FieldError[] = [];
  const shape = DEFINITION_FIELDS[kind];
  for (const key of Object.keys(record)) {
    if (record[key] === null) errors.push({ field: `${field}.${key}`, message: 'must be omitted rather than null' });
    else if (!shape.required.includes(key) && !shape.optional.includes(key) && !extraFields.includes(key)) {
      errors.push({ field: `${field}.${key}`, message: `is not a member of a ${kind} definition` });
    }
  }
  for (const key of shape.required) {
    if (record[key] === undefined) errors.push({ field: `${field}.${key}`, message: 'is required' });
  }
  const check = (key: string, ok: (v: unknown) => boolean, message: string) => {
    if (record[key] !== undefined && record[key] !== null && !ok(record[key])) errors.push({ field: `${field}.${key}`, message });
  };
  switch (kind) {
    case 'attainment':
      check('maxPerChild', isPositiveInteger, 'must be an integer > 0');
      check('requires', isValidId, 'must be an outcome code');
      check('minDaysAfterRequired', isNonNegativeInteger, 'must be an integer >= 0');
      check('claimWindowDays', isNonNegativeInteger, 'must be an integer >= 0');
      break;
    case 'improvement':
      check('instrument', isShortString, 'must be a string of 1 to 500 characters');
      check('direction', (v) => v === 'lower' || v === 'higher', 'must be lower or higher');
      check('minImprovement', isPositiveInteger, 'must be an integer > 0');
      break;
    case 'duration':
      check('unitDays', isPositiveInteger, 'must be an integer > 0');
      check('maxUnitsPerChild', isPositiveInteger, 'must be an integer > 0');
      check(
        'placementTypes',
        (v) => Array.isArray(v) && v.length > 0 && v.every(isShortString),
        'must be a non-empty list of PLACE codes',
      );
      break;
  }
  return errors;
}

import type { LocalError } from '../components/form-errors';
import { ID_PATTERN } from './ids';
import { parsePounds, penceToPoundsInput } from './money';
import type { FrameworkEntry, OutcomeCategory, OutcomeDefinition } from './types';

export type DefinitionKind = OutcomeDefinition['kind'];

/** A definition as typed in the publish form: every box is text until it is checked. */
export interface DefinitionDraft {
  code: string;
  name: string;
  category: OutcomeCategory | '';
  kind: DefinitionKind | '';
  price: string;
  source: string;
  maxPerChild: string;
  requires: string;
  minDaysAfterRequired: string;
  claimWindowDays: string;
  instrument: string;
  direction: 'lower' | 'higher' | '';
  minImprovement: string;
  unitDays: string;
  maxUnitsPerChild: string;
  /** PLACE codes separated by spaces or commas. */
  placementTypes: string;
}

export const EMPTY_DEFINITION: DefinitionDraft = {
  code: '',
  name: '',
  category: '',
  kind: '',
  price: '',
  source: '',
  maxPerChild: '',
  requires: '',
  minDaysAfterRequired: '',
  claimWindowDays: '',
  instrument: '',
  direction: '',
  minImprovement: '',
  unitDays: '',
  maxUnitsPerChild: '',
  placementTypes: '',
};

/** The latest version as the starting point of the next one. */
export function draftFromEntry(entry: FrameworkEntry): DefinitionDraft {
  const definition = entry.definition as unknown as Record<string, unknown>;
  const text = (key: string) => (definition[key] === undefined ? '' : String(definition[key]));
  return {
    ...EMPTY_DEFINITION,
    code: entry.code,
    name: entry.name,
    category: entry.category,
    kind: entry.definition.kind,
    price: entry.indicativePricePence === undefined ? '' : penceToPoundsInput(entry.indicativePricePence),
    source: entry.source ?? '',
    maxPerChild: text('maxPerChild'),
    requires: text('requires'),
    minDaysAfterRequired: text('minDaysAfterRequired'),
    claimWindowDays: text('claimWindowDays'),
    instrument: text('instrument'),
    direction: definition['direction'] === 'lower' || definition['direction'] === 'higher' ? definition['direction'] : '',
    minImprovement: text('minImprovement'),
    unitDays: text('unitDays'),
    maxUnitsPerChild: text('maxUnitsPerChild'),
    placementTypes: Array.isArray(definition['placementTypes']) ? definition['placementTypes'].join(' ') : '',
  };
}

/** Which members each kind has, and which it needs (spec section 3). */
export const KIND_MEMBERS: Record<DefinitionKind, { optional: (keyof DefinitionDraft)[]; required: (keyof DefinitionDraft)[] }> = {
  attainment: { optional: ['maxPerChild', 'requires', 'minDaysAfterRequired', 'claimWindowDays'], required: [] },
  improvement: { optional: [], required: ['instrument', 'direction', 'minImprovement'] },
  duration: { optional: ['maxUnitsPerChild', 'placementTypes'], required: ['unitDays'] },
};

const MINIMUMS: Partial<Record<keyof DefinitionDraft, number>> = {
  maxPerChild: 1,
  minDaysAfterRequired: 0,
  claimWindowDays: 0,
  minImprovement: 1,
  unitDays: 1,
  maxUnitsPerChild: 1,
};

/**
 * The body of `POST /api/outcome-framework/definitions` from the form, or what to correct. Error fields are the
 * body's paths (`definition.unitDays`), so the server's own refusals land on the same boxes.
 */
export function publishBodyFromDraft(draft: DefinitionDraft): { body: Record<string, unknown> } | { errors: LocalError[] } {
  const errors: LocalError[] = [];
  if (!ID_PATTERN.test(draft.code)) errors.push({ field: 'code', text: 'Enter a code of letters, digits, dots, dashes or underscores, for example FP-STABLE-28' });
  if (draft.name.trim() === '') errors.push({ field: 'name', text: 'Enter the outcome’s name' });
  if (!draft.category) errors.push({ field: 'category', text: 'Select whether the outcome is hard or soft' });
  if (!draft.kind) errors.push({ field: 'definition.kind', text: 'Select how the outcome is achieved' });
  const price = draft.price.trim() === '' ? undefined : parsePounds(draft.price);
  if (draft.price.trim() !== '' && price === undefined) errors.push({ field: 'indicativePricePence', text: 'Enter the indicative price in pounds, for example 250 or 250.00' });

  const definition: Record<string, unknown> = { kind: draft.kind };
  if (draft.kind) {
    const { optional, required } = KIND_MEMBERS[draft.kind];
    for (const member of [...required, ...optional]) {
      const text = String(draft[member]).trim();
      const field = `definition.${member}`;
      if (text === '') {
        if (required.includes(member)) errors.push({ field, text: `Enter ${LABELS[member].toLowerCase()}` });
        continue;
      }
      const minimum = MINIMUMS[member];
      if (minimum !== undefined) {
        if (!/^\d{1,9}$/.test(text) || Number(text) < minimum) errors.push({ field, text: `${LABELS[member]} must be a whole number of at least ${minimum}` });
        else definition[member] = Number(text);
      } else if (member === 'placementTypes') {
        definition[member] = text.split(/[\s,]+/).filter(Boolean);
      } else if (member === 'requires' && !ID_PATTERN.test(text)) {
        errors.push({ field, text: 'Enter the code of the outcome claimed first' });
      } else {
        definition[member] = text;
      }
    }
  }
  if (errors.length > 0) return { errors };
  return {
    body: {
      code: draft.code,
      name: draft.name.trim(),
      category: draft.category,
      definition,
      ...(price === undefined ? {} : { indicativePricePence: price }),
      ...(draft.source.trim() === '' ? {} : { source: draft.source.trim() }),
    },
  };
}

export const LABELS: Record<keyof DefinitionDraft, string> = {
  code: 'Code',
  name: 'Name',
  category: 'Category',
  kind: 'How it is achieved',
  price: 'Indicative price',
  source: 'Source',
  maxPerChild: 'Claims per child',
  requires: 'Outcome claimed first',
  minDaysAfterRequired: 'Days after the outcome claimed first',
  claimWindowDays: 'Days to claim after achievement',
  instrument: 'Measurement instrument',
  direction: 'Which way is better',
  minImprovement: 'Smallest change that counts',
  unitDays: 'Days in one unit',
  maxUnitsPerChild: 'Units per child',
  placementTypes: 'Placement types that count',
};

/** A definition's rules in one line: `duration; unitDays 28; placementTypes U1, U2`. */
export function describeDefinition(definition: OutcomeDefinition): string {
  const members = Object.entries(definition)
    .filter(([key, value]) => key !== 'kind' && value !== undefined)
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  return [definition.kind, ...members].join('; ');
}

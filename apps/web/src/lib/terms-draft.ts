import { assertNever } from './contract-view';
import { parsePounds, penceToPoundsInput } from './money';
import { ID_PATTERN } from './ids';
import type { FrameworkEntry, OutcomeDefinition, Terms, TermsOutcome } from './types';

/** What the terms editor holds: text as typed, turned into terms only on submission. */
export interface FeeDraft {
  code: string;
  name: string;
  price: string;
  unitDays: '1' | '7';
  placementTypes: string;
}

export interface OutcomeDraft {
  code: string;
  name: string;
  category: 'hard' | 'soft';
  kind: OutcomeDefinition['kind'];
  price: string;
  maxPerChild: string;
  requires: string;
  minDaysAfterRequired: string;
  claimWindowDays: string;
  instrument: string;
  direction: 'lower' | 'higher';
  minImprovement: string;
  unitDays: string;
  maxUnitsPerChild: string;
  placementTypes: string;
}

export interface TermsDraft {
  fees: FeeDraft[];
  outcomes: OutcomeDraft[];
  perChildCap: string;
  contractCap: string;
}

export interface DraftError {
  field: string;
  text: string;
}

export const EMPTY_TERMS: TermsDraft = { fees: [], outcomes: [], perChildCap: '', contractCap: '' };

export function emptyFee(): FeeDraft {
  return { code: '', name: '', price: '', unitDays: '7', placementTypes: '' };
}

const blankOutcome: Omit<OutcomeDraft, 'code' | 'name' | 'category' | 'kind'> = {
  price: '', maxPerChild: '', requires: '', minDaysAfterRequired: '', claimWindowDays: '', instrument: '', direction: 'lower',
  minImprovement: '', unitDays: '', maxUnitsPerChild: '', placementTypes: '',
};

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

function outcomeDraftOf(base: { code: string; name: string; category: 'hard' | 'soft' }, definition: OutcomeDefinition, pricePence: number | undefined): OutcomeDraft {
  const draft: OutcomeDraft = { ...blankOutcome, ...base, kind: definition.kind, price: pricePence === undefined ? '' : penceToPoundsInput(pricePence) };
  switch (definition.kind) {
    case 'attainment':
      return {
        ...draft,
        maxPerChild: text(definition.maxPerChild),
        requires: definition.requires ?? '',
        minDaysAfterRequired: text(definition.minDaysAfterRequired),
        claimWindowDays: text(definition.claimWindowDays),
      };
    case 'improvement':
      return { ...draft, instrument: definition.instrument, direction: definition.direction, minImprovement: text(definition.minImprovement) };
    case 'duration':
      return { ...draft, unitDays: text(definition.unitDays), maxUnitsPerChild: text(definition.maxUnitsPerChild), placementTypes: (definition.placementTypes ?? []).join(', ') };
    default:
      return assertNever(definition);
  }
}

/** An outcome from the framework, with its indicative price as the starting price. */
export function outcomeFromFramework(entry: FrameworkEntry): OutcomeDraft {
  return outcomeDraftOf(entry, entry.definition, entry.indicativePricePence);
}

/** Terms already stored, back into the editor (to amend them or propose a variation). */
export function draftFromTerms(terms: Terms): TermsDraft {
  return {
    fees: terms.fees.map((fee) => ({
      code: fee.code, name: fee.name, price: penceToPoundsInput(fee.pricePence), unitDays: fee.unitDays === 1 ? '1' : '7', placementTypes: (fee.placementTypes ?? []).join(', '),
    })),
    outcomes: terms.outcomes.map((outcome) => outcomeDraftOf(outcome, outcome, outcome.pricePence)),
    perChildCap: terms.caps.perChildPence === undefined ? '' : penceToPoundsInput(terms.caps.perChildPence),
    contractCap: terms.caps.contractPence === undefined ? '' : penceToPoundsInput(terms.caps.contractPence),
  };
}

function placementTypesOf(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

/**
 * The terms to send, or what is wrong with the draft. Only what was filled in is sent: the API stores terms
 * exactly as sent (no defaults), so an empty optional box must stay absent rather than become 0.
 */
export function termsFromDraft(draft: TermsDraft, prefix = 'terms'): { terms: Terms } | { errors: DraftError[] } {
  const errors: DraftError[] = [];
  const money = (value: string, field: string, what: string, optional = false): number | undefined => {
    if (optional && value.trim() === '') return undefined;
    const pence = parsePounds(value);
    if (pence === undefined || pence < 1) errors.push({ field, text: `${what} must be an amount of money, such as 820.00` });
    return pence;
  };
  const whole = (value: string, field: string, what: string, min: number): number | undefined => {
    if (value.trim() === '') return undefined;
    const parsed = /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (!(parsed >= min)) errors.push({ field, text: `${what} must be a whole number of at least ${min}` });
    return parsed >= min ? parsed : undefined;
  };
  const checkCode = (code: string, field: string, what: string) => {
    if (!ID_PATTERN.test(code)) errors.push({ field, text: `${what} code must be letters, digits, dots, dashes or underscores, starting with a letter or digit` });
  };
  const checkName = (name: string, field: string, what: string) => {
    if (name.trim() === '' || name.length > 500) errors.push({ field, text: `Enter a name for ${what.toLowerCase()}` });
  };

  const fees = draft.fees.map((fee, index) => {
    const at = `${prefix}.fees[${index}]`;
    const what = `Fee ${index + 1}`;
    checkCode(fee.code, `${at}.code`, what);
    checkName(fee.name, `${at}.name`, what);
    const pricePence = money(fee.price, `${at}.pricePence`, `${what} price`) ?? 0;
    const placementTypes = placementTypesOf(fee.placementTypes);
    return { code: fee.code, name: fee.name.trim(), pricePence, unitDays: fee.unitDays === '1' ? 1 : 7, ...(placementTypes.length ? { placementTypes } : {}) } as Terms['fees'][number];
  });

  const outcomes = draft.outcomes.map((outcome, index): TermsOutcome => {
    const at = `${prefix}.outcomes[${index}]`;
    const what = `Outcome ${index + 1}`;
    checkCode(outcome.code, `${at}.code`, what);
    checkName(outcome.name, `${at}.name`, what);
    const base = { code: outcome.code, name: outcome.name.trim(), category: outcome.category, pricePence: money(outcome.price, `${at}.pricePence`, `${what} price`) ?? 0 };
    switch (outcome.kind) {
      case 'attainment': {
        const maxPerChild = whole(outcome.maxPerChild, `${at}.maxPerChild`, `${what} claims per child`, 1);
        const minDaysAfterRequired = whole(outcome.minDaysAfterRequired, `${at}.minDaysAfterRequired`, `${what} days after the outcome it requires`, 0);
        const claimWindowDays = whole(outcome.claimWindowDays, `${at}.claimWindowDays`, `${what} claim window`, 0);
        const requires = outcome.requires.trim();
        if (requires && !ID_PATTERN.test(requires)) errors.push({ field: `${at}.requires`, text: `${what} requires an outcome code` });
        return {
          ...base, kind: 'attainment',
          ...(maxPerChild !== undefined ? { maxPerChild } : {}),
          ...(requires ? { requires } : {}),
          ...(minDaysAfterRequired !== undefined ? { minDaysAfterRequired } : {}),
          ...(claimWindowDays !== undefined ? { claimWindowDays } : {}),
        };
      }
      case 'improvement': {
        if (outcome.instrument.trim() === '') errors.push({ field: `${at}.instrument`, text: `Enter the measure ${what.toLowerCase()} is scored on` });
        const minImprovement = whole(outcome.minImprovement, `${at}.minImprovement`, `${what} minimum improvement`, 1);
        if (minImprovement === undefined && outcome.minImprovement.trim() === '') errors.push({ field: `${at}.minImprovement`, text: `Enter the minimum improvement for ${what.toLowerCase()}` });
        return { ...base, kind: 'improvement', instrument: outcome.instrument.trim(), direction: outcome.direction, minImprovement: minImprovement ?? 0 };
      }
      case 'duration': {
        const unitDays = whole(outcome.unitDays, `${at}.unitDays`, `${what} days per unit`, 1);
        if (unitDays === undefined && outcome.unitDays.trim() === '') errors.push({ field: `${at}.unitDays`, text: `Enter the days per unit for ${what.toLowerCase()}` });
        const maxUnitsPerChild = whole(outcome.maxUnitsPerChild, `${at}.maxUnitsPerChild`, `${what} units per child`, 1);
        const placementTypes = placementTypesOf(outcome.placementTypes);
        return {
          ...base, kind: 'duration', unitDays: unitDays ?? 0,
          ...(maxUnitsPerChild !== undefined ? { maxUnitsPerChild } : {}),
          ...(placementTypes.length ? { placementTypes } : {}),
        };
      }
      default:
        return assertNever(outcome.kind);
    }
  });

  for (const [list, noun] of [[fees, 'fees'], [outcomes, 'outcomes']] as const) {
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      if (seen.has(entry.code)) errors.push({ field: `${prefix}.${noun}[${index}].code`, text: `The code ${entry.code} appears twice in the ${noun}` });
      seen.add(entry.code);
    });
  }

  const perChildPence = money(draft.perChildCap, `${prefix}.caps.perChildPence`, 'The cap per child', true);
  const contractPence = money(draft.contractCap, `${prefix}.caps.contractPence`, 'The cap for the contract', true);
  if (errors.length > 0) return { errors };
  return {
    terms: {
      fees,
      outcomes,
      caps: { ...(perChildPence !== undefined ? { perChildPence } : {}), ...(contractPence !== undefined ? { contractPence } : {}) },
    },
  };
}

/** The catalogue from `GET /api/outcome-framework`, whether it answers a list or `{items}`, flat entries or `{latest, retired}`. */
export function frameworkEntries(body: unknown): FrameworkEntry[] {
  const list = Array.isArray(body) ? body : Array.isArray((body as { items?: unknown })?.items) ? (body as { items: unknown[] }).items : [];
  return list.flatMap((raw): FrameworkEntry[] => {
    const record = raw as Record<string, unknown>;
    const latest = (record['latest'] ?? record) as Record<string, unknown>;
    if (typeof latest['code'] !== 'string' || typeof latest['definition'] !== 'object' || latest['definition'] === null) return [];
    return [
      {
        code: latest['code'],
        version: typeof latest['version'] === 'number' ? latest['version'] : undefined,
        name: String(latest['name'] ?? latest['code']),
        category: latest['category'] === 'soft' ? 'soft' : 'hard',
        definition: latest['definition'] as OutcomeDefinition,
        indicativePricePence: typeof latest['indicativePricePence'] === 'number' ? latest['indicativePricePence'] : undefined,
        source: typeof latest['source'] === 'string' ? latest['source'] : undefined,
        retired: record['retired'] === true || latest['retired'] === true,
      },
    ];
  });
}

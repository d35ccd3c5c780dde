import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES_DIR, readNdjson, SHARED_DIR } from '@ledger/testing';

// The default outcomes framework is data (libs/outcome-framework/data); this checks it as the publish route would.
const catalogue: Record<string, unknown>[] = JSON.parse(readFileSync(join(__dirname, '../../../../outcome-framework/data/default-catalogue.json'), 'utf8'));
const examples = readNdjson(join(EXAMPLES_DIR, 'framework.ndjson')) as Record<string, unknown>[];
const rateCardCodes = ['dfe-care-leavers-sib.csv', 'dwp-innovation-fund.csv', 'fair-chance-fund.csv'].flatMap((file) =>
  readFileSync(join(SHARED_DIR, 'data', 'rate-cards', file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',')[0]),
);

const BODY_FIELDS = new Set(['code', 'name', 'category', 'definition', 'indicativePricePence', 'source']);
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function definitionProblems(definition: Record<string, unknown>): string[] {
  const positive = (value: unknown) => value === undefined || (Number.isSafeInteger(value) && (value as number) > 0);
  const nonNegative = (value: unknown) => value === undefined || (Number.isSafeInteger(value) && (value as number) >= 0);
  switch (definition.kind) {
    case 'attainment':
      return [
        ...(positive(definition.maxPerChild) ? [] : ['maxPerChild']),
        ...(definition.requires === undefined || typeof definition.requires === 'string' ? [] : ['requires']),
        ...(nonNegative(definition.minDaysAfterRequired) ? [] : ['minDaysAfterRequired']),
        ...(nonNegative(definition.claimWindowDays) ? [] : ['claimWindowDays']),
      ];
    case 'improvement':
      return [
        ...(typeof definition.instrument === 'string' ? [] : ['instrument']),
        ...(definition.direction === 'lower' || definition.direction === 'higher' ? [] : ['direction']),
        ...(positive(definition.minImprovement) && definition.minImprovement !== undefined ? [] : ['minImprovement']),
      ];
    case 'duration':
      return [
        ...(positive(definition.unitDays) && definition.unitDays !== undefined ? [] : ['unitDays']),
        ...(positive(definition.maxUnitsPerChild) ? [] : ['maxUnitsPerChild']),
        ...(definition.placementTypes === undefined || Array.isArray(definition.placementTypes) ? [] : ['placementTypes']),
      ];
    default:
      return ['kind'];
  }
}

describe('the default outcomes framework (libs/outcome-framework/data/default-catalogue.json)', () => {
  it('starts with the definitions the worked examples use, verbatim', () => {
    expect(catalogue.slice(0, examples.length)).toEqual(examples);
  });

  it('holds every code of the three rate cards once', () => {
    const codes = catalogue.map((body) => body.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(rateCardCodes.filter((code) => !codes.includes(code))).toEqual([]);
  });

  it.each(catalogue.map((body) => [body.code, body] as const))('%s is a publish body the framework accepts', (_code, body) => {
    expect(Object.keys(body).filter((field) => !BODY_FIELDS.has(field))).toEqual([]);
    expect(body.code).toMatch(CODE);
    expect(typeof body.name).toBe('string');
    expect(['hard', 'soft']).toContain(body.category);
    expect(definitionProblems(body.definition as Record<string, unknown>)).toEqual([]);
    expect(Number.isSafeInteger(body.indicativePricePence) && (body.indicativePricePence as number) >= 1).toBe(true);
    const requires = (body.definition as { requires?: string }).requires;
    if (requires !== undefined) expect(catalogue.map((other) => other.code)).toContain(requires);
  });

  it('names the programme and rate card of every definition it adds to the examples', () => {
    expect(catalogue.slice(examples.length).filter((body) => typeof body.source !== 'string' || body.source === '')).toEqual([]);
  });
});

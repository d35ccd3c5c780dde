import { describe, expect, it } from 'vitest';
import { draftFromTerms, emptyFee, frameworkEntries, outcomeFromFramework, termsFromDraft, type TermsDraft } from './terms-draft';
import type { Terms } from './types';

const FRAMEWORK = [
  { code: 'CL-COURSE-START', name: 'Begins a course', category: 'hard', definition: { kind: 'attainment' }, indicativePricePence: 22000 },
  { code: 'FP-STABLE-28', name: 'Stable 28 days', category: 'soft', definition: { kind: 'duration', unitDays: 28, placementTypes: ['U1'] }, indicativePricePence: 5000 },
  { code: 'WB-SDQ', name: 'Better SDQ', category: 'soft', definition: { kind: 'improvement', instrument: 'SDQ', direction: 'lower', minImprovement: 3 } },
];

describe('termsFromDraft', () => {
  it('sends what was filled in and nothing more, so the stored terms are the terms typed', () => {
    const [course, stable, sdq] = frameworkEntries(FRAMEWORK).map(outcomeFromFramework);
    const draft: TermsDraft = {
      fees: [{ code: 'FOSTER-IFA', name: 'Fostering, weekly', price: '820', unitDays: '7', placementTypes: 'U1, U2 U3' }],
      outcomes: [{ ...course, price: '250.50' }, stable, { ...sdq, price: '300' }],
      perChildCap: '',
      contractCap: '£10,000',
    };
    expect(termsFromDraft(draft)).toEqual({
      terms: {
        fees: [{ code: 'FOSTER-IFA', name: 'Fostering, weekly', pricePence: 82000, unitDays: 7, placementTypes: ['U1', 'U2', 'U3'] }],
        outcomes: [
          { code: 'CL-COURSE-START', name: 'Begins a course', category: 'hard', kind: 'attainment', pricePence: 25050 },
          { code: 'FP-STABLE-28', name: 'Stable 28 days', category: 'soft', kind: 'duration', unitDays: 28, placementTypes: ['U1'], pricePence: 5000 },
          { code: 'WB-SDQ', name: 'Better SDQ', category: 'soft', kind: 'improvement', instrument: 'SDQ', direction: 'lower', minImprovement: 3, pricePence: 30000 },
        ],
        caps: { contractPence: 1000000 },
      },
    });
  });

  it('names each mistake by the field the API would name, so one summary links to the right box', () => {
    const [, , sdq] = frameworkEntries(FRAMEWORK).map(outcomeFromFramework);
    const draft: TermsDraft = {
      fees: [{ ...emptyFee(), code: 'bad code', name: 'Fee', price: '12.345' }, { ...emptyFee(), code: 'bad code', name: '', price: '1' }],
      outcomes: [{ ...sdq, minImprovement: '0' }],
      perChildCap: 'lots',
      contractCap: '',
    };
    const result = termsFromDraft(draft);
    expect('errors' in result && result.errors.map((error) => error.field)).toEqual([
      'terms.fees[0].code',
      'terms.fees[0].pricePence',
      'terms.fees[1].code',
      'terms.fees[1].name',
      'terms.outcomes[0].pricePence',
      'terms.outcomes[0].minImprovement',
      'terms.fees[1].code',
      'terms.caps.perChildPence',
    ]);
  });

  it('gives back stored terms unchanged after a trip through the editor', () => {
    const terms: Terms = {
      fees: [{ code: 'RESI-K2', name: 'Children’s home', pricePence: 610000, unitDays: 7, placementTypes: ['K2'] }],
      outcomes: [
        { code: 'IF-JOB-26W', name: 'Job 26 weeks', category: 'hard', kind: 'attainment', pricePence: 100000, requires: 'IF-JOB-13W', minDaysAfterRequired: 91, claimWindowDays: 0 },
        { code: 'FP-STABLE-28', name: 'Stable', category: 'soft', kind: 'duration', unitDays: 28, maxUnitsPerChild: 6, pricePence: 5001 },
      ],
      caps: { perChildPence: 500000 },
    };
    expect(termsFromDraft(draftFromTerms(terms))).toEqual({ terms });
  });
});

describe('frameworkEntries', () => {
  it('reads a list, {items}, and {latest, retired} entries alike, and skips what is not an entry', () => {
    const latest = { code: 'A', version: 2, name: 'A', category: 'soft', definition: { kind: 'attainment' } };
    expect(frameworkEntries({ items: [{ latest, retired: true }, { nonsense: 1 }] })).toEqual([
      { code: 'A', version: 2, name: 'A', category: 'soft', definition: { kind: 'attainment' }, indicativePricePence: undefined, source: undefined, retired: true },
    ]);
    expect(frameworkEntries(FRAMEWORK).map((entry) => [entry.code, entry.retired])).toEqual([
      ['CL-COURSE-START', false],
      ['FP-STABLE-28', false],
      ['WB-SDQ', false],
    ]);
    expect(frameworkEntries('not a catalogue')).toEqual([]);
  });
});

import { loadExamples } from '../test/fixtures';
import { checkClock } from './decision';
import { foldContract } from './state';
import { commandFromRequest, commandRoute, requestOf } from './routes';
import { validateCommandBody, validatePathParams } from './validate-body';

const START = { placementId: 'PL-1', childRef: 'CH-1', startDate: '2024-05-01', placementType: 'U4' };
const PAY = { paymentId: 'PAY-1', amountPence: 1, direction: 'toProvider', paidOn: '2024-05-01', reference: 'BACS' };
const TERMS = {
  fees: [{ code: 'F', name: 'Fee', pricePence: 82000, unitDays: 7 }],
  outcomes: [{ code: 'O', name: 'Outcome', category: 'hard', pricePence: 100, kind: 'attainment', claimWindowDays: 60 }],
  caps: {},
};

describe('validateCommandBody: 400 for the request itself (spec section 7)', () => {
  it.each<[string, Parameters<typeof validateCommandBody>[0], unknown, string[]]>([
    ['a well-formed start', 'StartPlacement', START, []],
    ['dates are real calendar dates', 'StartPlacement', { ...START, startDate: '2025-02-30' }, ['startDate']],
    ['ids follow the id pattern', 'StartPlacement', { ...START, placementId: '-bad id' }, ['placementId']],
    ['an unknown member', 'StartPlacement', { ...START, notes: 'x' }, ['notes']],
    ['null in an optional member', 'StartPlacement', { ...START, endDate: null }, ['endDate']],
    ['a reasonCode only with an endDate', 'StartPlacement', { ...START, reasonCode: 'E4A' }, ['reasonCode']],
    ['a missing member', 'StartPlacement', { placementId: 'PL-1' }, ['childRef', 'startDate', 'placementType']],
    ['pence are integers', 'RecordPayment', { ...PAY, amountPence: 12.5 }, ['amountPence']],
    ['pence are at most 10^12', 'RecordPayment', { ...PAY, amountPence: 1_000_000_000_001 }, ['amountPence']],
    ['pence are at least 1', 'RecordPayment', { ...PAY, amountPence: 0 }, ['amountPence']],
    ['strings are at most 500 characters', 'RecordPayment', { ...PAY, reference: 'r'.repeat(501) }, ['reference']],
    ['reasons may have 2,000 characters', 'TerminateContract', { terminatedOn: '2024-05-01', reason: 'r'.repeat(2000) }, []],
    ['but not more', 'TerminateContract', { terminatedOn: '2024-05-01', reason: 'r'.repeat(2001) }, ['reason']],
    ['a correction requires endDate, null allowed (| null)', 'CorrectPlacementDates', { startDate: '2024-05-01', endDate: null, reason: 'r' }, []],
    ['a verification sends {}', 'VerifyClaim', {}, []],
    ['a body is an object', 'VerifyClaim', [], ['(body)']],
    ['terms: fee unitDays 1 or 7', 'AmendTerms', { terms: { ...TERMS, fees: [{ ...TERMS.fees[0], unitDays: 3 }] } }, ['terms.fees[0].unitDays']],
    ['terms: an outcome is a definition kind with its price', 'AmendTerms', { terms: TERMS }, []],
    ['terms: an outcome with a member of another kind', 'AmendTerms', { terms: { ...TERMS, outcomes: [{ ...TERMS.outcomes[0], unitDays: 7 }] } }, ['terms.outcomes[0].unitDays']],
    ['terms: a code once', 'AmendTerms', { terms: { ...TERMS, fees: [TERMS.fees[0], TERMS.fees[0]] } }, ['terms.fees[1].code']],
    ['evidence is a non-empty list of {kind, ref}', 'ClaimOutcome', { claimId: 'C', placementId: 'P', childRef: 'CH', outcomeCode: 'O', achievedOn: '2024-05-01', evidence: [] }, ['evidence']],
  ])('%s', (_name, type, body, fields) => {
    expect(validateCommandBody(type, body).map((error) => error.field)).toEqual(fields);
  });

  it('checks the ids and the period of a path', () => {
    expect(validatePathParams({ contractId: 'C-1', period: '2024-13' }).map((e) => e.field)).toEqual(['period']);
  });
});

describe('commandRoute and commandFromRequest (spec section 9)', () => {
  it('reads the command and the ids of a path', () => {
    const route = commandRoute('POST', '/api/contracts/C-1/claims/CL-1/verification');
    expect(route).toEqual({ type: 'VerifyClaim', params: { contractId: 'C-1', claimId: 'CL-1' } });
    const actor = { sub: 's', role: 'commissioner', org: 'LA' };
    expect(route && commandFromRequest(route, {}, actor)).toEqual({ type: 'VerifyClaim', contractId: 'C-1', claimId: 'CL-1', actor });
  });

  it('takes a draft’s contract id from its body and knows no other routes', () => {
    const route = commandRoute('POST', '/api/contracts');
    expect(route && commandFromRequest(route, { contractId: 'C-9' }, { sub: 's', role: 'commissioner', org: 'LA' }).contractId).toBe('C-9');
    expect(commandRoute('GET', '/api/contracts')).toBeUndefined();
  });
});

describe('requestOf', () => {
  it('gives back the body and path ids of a command', () => {
    const actor = { sub: 's', role: 'commissioner', org: 'LA' };
    expect(requestOf({ type: 'ClosePeriod', contractId: 'C-1', period: '2024-04', actor })).toEqual({ body: {}, params: { contractId: 'C-1', period: '2024-04' } });
    expect(requestOf({ type: 'EndPlacement', contractId: 'C-1', placementId: 'P', endDate: '2024-05-01', reasonCode: 'E', actor })).toEqual({
      body: { endDate: '2024-05-01', reasonCode: 'E' },
      params: { contractId: 'C-1', placementId: 'P' },
    });
  });
});

describe('checkClock (spec section 9)', () => {
  const example = loadExamples()[0].events;
  const state = foldContract(example);
  const last = example[example.length - 1].metadata.recordedAt;
  it.each([
    ['the last recordedAt itself is allowed', last, undefined],
    ['a clock before it is VALIDATION', '2024-01-01T00:00:00.000Z', 'VALIDATION'],
    ['a clock that is not an instant is VALIDATION', 'yesterday', 'VALIDATION'],
  ])('%s', (_name, recordedAt, code) => {
    expect(checkClock(state, { today: recordedAt.slice(0, 10), recordedAt })?.code).toBe(code);
  });
});

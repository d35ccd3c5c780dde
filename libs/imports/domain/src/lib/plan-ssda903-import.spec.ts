import type { ContractEvent } from '@ledger/contracts-model';
import type { ImportIssue } from './episodes';
import { placementsFromEvents } from './existing-placements';
import { planSsda903Import, type ImportContract } from './plan-ssda903-import';

const HEADER = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,LA,YEAR';
const CONTRACT: ImportContract = { contractId: 'C-1', startDate: '2024-04-01', endDate: '2025-03-31' };

interface Row {
  child?: string;
  decom: string;
  place?: string;
  dec?: string;
  rec?: string;
  urn?: string;
  la?: string;
  year?: string;
  rne?: string;
}

function row({ child = 'CH1', decom, place = 'U4', dec = '', rec = '', urn = 'SC100001', la = 'Southwark', year = '2025', rne = 'P' }: Row): string {
  return [child, decom, rne, 'C2', 'N1', place, 'PR4', dec, rec, '', 'SE1 1AA', 'SE2 2BB', urn, la, year].join(',');
}

function csv(...rows: Row[]): string {
  return [HEADER, ...rows.map(row)].join('\r\n') + '\r\n';
}

const ssda = (decom: string, urn = 'SC100001') => ({ rne: 'P', ls: 'C2', cin: 'N1', placeProvider: 'PR4', urn, decom });

function started(decom: string, placementType: string, extra: { startDate?: string; endDate?: string; reasonCode?: string; urn?: string; child?: string } = {}): ContractEvent {
  const child = extra.child ?? 'CH1';
  return {
    type: 'PlacementStarted',
    data: {
      placementId: `SSDA-${child}-${decom}`,
      childRef: child,
      startDate: extra.startDate ?? decom,
      placementType,
      ...(extra.endDate ? { endDate: extra.endDate, reasonCode: extra.reasonCode ?? 'X1' } : {}),
      ssda903: ssda(decom, extra.urn),
    },
  };
}
const changed = (decom: string, changedOn: string, placementType: string): ContractEvent => ({
  type: 'PlacementChanged',
  data: { placementId: `SSDA-CH1-${decom}`, changedOn, placementType },
});
const ended = (decom: string, endDate: string, reasonCode: string): ContractEvent => ({
  type: 'PlacementEnded',
  data: { placementId: `SSDA-CH1-${decom}`, endDate, reasonCode },
});

interface Case {
  rule: string;
  given?: ContractEvent[];
  file: string;
  contract?: ImportContract;
  la?: string;
  urns?: string[];
  skipInvalid?: boolean;
  then?: ContractEvent[];
  thenProblems?: Pick<ImportIssue, 'line' | 'column' | 'code'>[];
}

const cases: Case[] = [
  {
    rule: 'an open episode becomes an open placement from DECOM, its PLACE the type, CHILD the childRef',
    file: csv({ decom: '2024-05-01' }),
    then: [started('2024-05-01', 'U4')],
  },
  {
    rule: 'a REC on an open episode is ignored',
    file: csv({ decom: '2024-05-01', rec: 'E13' }),
    then: [started('2024-05-01', 'U4')],
  },
  {
    rule: 'a chain already ended is recorded whole: PlacementStarted with its endDate and REC',
    file: csv({ decom: '2024-05-01', dec: '2024-08-01', rec: 'E4A' }),
    then: [started('2024-05-01', 'U4', { endDate: '2024-08-01', reasonCode: 'E4A' })],
  },
  {
    rule: 'episodes joined by X1 on the next DECOM are one placement: a new PLACE is a PlacementChanged, the same PLACE adds nothing',
    file: csv(
      { decom: '2024-05-01', dec: '2024-06-01', rec: 'X1' },
      { decom: '2024-06-01', dec: '2024-07-01', rec: 'X1', rne: 'L' },
      { decom: '2024-07-01', place: 'K2' },
    ),
    then: [started('2024-05-01', 'U4'), changed('2024-05-01', '2024-07-01', 'K2')],
  },
  {
    rule: 'an episode is identified by (CHILD, DECOM): when a later return repeats it, the latest YEAR wins, whatever the line order',
    file: csv({ decom: '2024-05-01', dec: '2024-09-01', rec: 'E8', year: '2025' }, { decom: '2024-05-01', year: '2024' }),
    then: [started('2024-05-01', 'U4', { endDate: '2024-09-01', reasonCode: 'E8' })],
  },
  {
    rule: 'chains ending before the contract starts, and episodes starting after its last covered day, are left out',
    file: csv({ decom: '2023-05-01', dec: '2024-04-01', rec: 'E8' }, { child: 'CH2', decom: '2025-04-01' }),
    then: [],
  },
  {
    rule: "a chain straddling the start begins on the contract's start date; ssda903.decom keeps the original DECOM of the episode straddling it",
    file: csv({ decom: '2023-05-01', dec: '2024-01-01', rec: 'X1' }, { decom: '2024-01-01', place: 'K2', dec: '2024-05-01', rec: 'X1' }, { decom: '2024-05-01', place: 'U5' }),
    then: [started('2024-01-01', 'K2', { startDate: '2024-04-01' }), changed('2024-01-01', '2024-05-01', 'U5')],
  },
  {
    rule: "a chain running past the contract's end ends on the day after its last covered day (X1); later changes are dropped",
    file: csv({ decom: '2025-01-01', dec: '2025-05-01', rec: 'X1' }, { decom: '2025-05-01', place: 'K2', dec: '2025-06-01', rec: 'E4A' }),
    then: [started('2025-01-01', 'U4', { endDate: '2025-04-01', reasonCode: 'X1' })],
  },
  {
    rule: "a chain going on with an episode after the last covered day ends on the day after it (X1)",
    file: csv({ decom: '2025-01-01', dec: '2025-05-01', rec: 'X1' }, { decom: '2025-05-01', place: 'K2' }),
    then: [started('2025-01-01', 'U4', { endDate: '2025-04-01', reasonCode: 'X1' })],
  },
  {
    rule: "a later return's episode of the same PLACE going on past a placement the contract's end cut short is that placement going on",
    given: [started('2025-01-01', 'U4', { endDate: '2025-04-01', reasonCode: 'X1' })],
    file: csv({ decom: '2025-02-01', rne: 'L', dec: '2025-06-01', rec: 'E8' }),
    then: [],
  },
  {
    rule: 'a terminated contract covers only the days before terminatedOn and takes no new placements',
    given: [started('2025-01-01', 'U4')],
    file: csv({ decom: '2025-01-01', dec: '2025-03-01', rec: 'E4A' }, { child: 'CH2', decom: '2024-06-01' }),
    contract: { ...CONTRACT, terminatedOn: '2025-02-01' },
    then: [ended('2025-01-01', '2025-02-01', 'X1')],
  },
  {
    rule: 'a placement a backdated termination left outside the contract is left as it is',
    given: [started('2025-03-01', 'U4')],
    file: csv({ decom: '2025-03-01', dec: '2025-03-20', rec: 'E8' }),
    contract: { ...CONTRACT, terminatedOn: '2025-02-01' },
    then: [],
  },
  {
    rule: 'with --la only that authority’s rows are read',
    file: csv({ decom: '2024-05-01' }, { child: 'CH2', decom: '2024-05-01', la: 'Bromley', place: 'NOPE' }),
    la: 'southwark',
    then: [started('2024-05-01', 'U4')],
  },
  {
    rule: 'with --urn, leaving the selected settings ends the placement (X1) and coming back starts another',
    file: csv(
      { decom: '2024-05-01', dec: '2024-06-01', rec: 'X1', urn: 'SC1' },
      { decom: '2024-06-01', dec: '2024-07-01', rec: 'X1', urn: 'SC2', place: 'K2' },
      { decom: '2024-07-01', urn: 'SC1' },
    ),
    urns: ['SC1'],
    then: [started('2024-05-01', 'U4', { endDate: '2024-06-01', reasonCode: 'X1', urn: 'SC1' }), started('2024-07-01', 'U4', { urn: 'SC1' })],
  },
  {
    rule: 're-importing a file appends nothing',
    given: [started('2024-01-01', 'K2', { startDate: '2024-04-01' }), changed('2024-01-01', '2024-05-01', 'U5')],
    file: csv({ decom: '2023-05-01', dec: '2024-01-01', rec: 'X1' }, { decom: '2024-01-01', place: 'K2', dec: '2024-05-01', rec: 'X1' }, { decom: '2024-05-01', place: 'U5' }),
    then: [],
  },
  {
    rule: 'a later return ends an episode open before',
    given: [started('2024-05-01', 'U4')],
    file: csv({ decom: '2024-05-01', dec: '2024-10-01', rec: 'E13' }),
    then: [ended('2024-05-01', '2024-10-01', 'E13')],
  },
  {
    rule: 'a later return continuing an open chain adds its new episodes, even without the chain’s first episode',
    given: [started('2024-05-01', 'U4')],
    file: csv({ decom: '2024-08-01', rne: 'L', dec: '2024-09-01', rec: 'X1' }, { decom: '2024-09-01', place: 'K2', dec: '2024-12-01', rec: 'E4B' }),
    then: [ended('2024-05-01', '2024-12-01', 'E4B'), changed('2024-05-01', '2024-09-01', 'K2')],
  },
  {
    rule: 'a later return moving an end is a PlacementDatesCorrected',
    given: [started('2024-05-01', 'U4', { endDate: '2024-10-01', reasonCode: 'E13' })],
    file: csv({ decom: '2024-05-01', dec: '2024-09-15', rec: 'E13' }),
    then: [{ type: 'PlacementDatesCorrected', data: { placementId: 'SSDA-CH1-2024-05-01', startDate: '2024-05-01', endDate: '2024-09-15', reason: 'SSDA903 import: episode dates as the latest return gives them' } }],
  },
  {
    rule: 'of two overlapping episodes the later-starting one is the bad row (file in start order)',
    file: csv({ decom: '2024-05-01', dec: '2024-09-01', rec: 'E8' }, { decom: '2024-06-01', place: 'K2' }),
    skipInvalid: true,
    then: [started('2024-05-01', 'U4', { endDate: '2024-09-01', reasonCode: 'E8' })],
    thenProblems: [{ line: 3, column: 'DECOM', code: 'OVERLAP' }],
  },
  {
    rule: 'of two overlapping episodes the later-starting one is the bad row (file in reverse order)',
    file: csv({ decom: '2024-06-01', place: 'K2' }, { decom: '2024-05-01', dec: '2024-09-01', rec: 'E8' }),
    skipInvalid: true,
    then: [started('2024-05-01', 'U4', { endDate: '2024-09-01', reasonCode: 'E8' })],
    thenProblems: [{ line: 2, column: 'DECOM', code: 'OVERLAP' }],
  },
  {
    rule: 'a later return with an earlier-starting overlapping episode: the ledger’s later-starting placement is taken over by the new chain',
    given: [started('2024-06-01', 'U4')],
    file: csv({ decom: '2024-05-01', place: 'K2', dec: '2024-09-01', rec: 'E8' }),
    then: [
      { type: 'PlacementDatesCorrected', data: { placementId: 'SSDA-CH1-2024-06-01', startDate: '2024-05-01', endDate: '2024-09-01', reason: 'SSDA903 import: episode dates as the latest return gives them' } },
      changed('2024-06-01', '2024-05-01', 'K2'),
    ],
  },
  {
    rule: 'a taken-over placement is found again: re-importing that return appends nothing, and the earlier return’s rows are the bad ones',
    given: [
      started('2024-06-01', 'U4'),
      { type: 'PlacementDatesCorrected', data: { placementId: 'SSDA-CH1-2024-06-01', startDate: '2024-05-01', endDate: '2024-09-01', reason: 'r' } },
      changed('2024-06-01', '2024-05-01', 'K2'),
    ],
    file: csv({ decom: '2024-05-01', place: 'K2', dec: '2024-09-01', rec: 'E8' }, { decom: '2024-06-01', year: '2024' }),
    skipInvalid: true,
    then: [],
    thenProblems: [{ line: 3, column: 'DECOM', code: 'OVERLAP' }],
  },
  {
    rule: 'when a new end would run into a later placement the ledger holds and cannot give up, the ledger stands and the row is bad',
    given: [started('2024-04-01', 'U4', { endDate: '2024-05-01', reasonCode: 'E8' }), started('2024-06-01', 'K2')],
    file: csv({ decom: '2024-04-01', dec: '2024-07-01', rec: 'E8' }),
    skipInvalid: true,
    then: [],
    thenProblems: [{ line: 2, column: 'DECOM', code: 'OVERLAP' }],
  },
  {
    rule: 'an episode overlapping a placement recorded by hand is a bad row',
    given: [{ type: 'PlacementStarted', data: { placementId: 'P-1', childRef: 'CH1', startDate: '2024-04-01', placementType: 'U1' } }],
    file: csv({ decom: '2024-05-01' }),
    skipInvalid: true,
    then: [],
    thenProblems: [{ line: 2, column: 'DECOM', code: 'OVERLAP' }],
  },
  {
    rule: 'an unknown code imports nothing without --skip-invalid, and the error names its line and column',
    file: csv({ decom: '2024-05-01' }, { child: 'CH2', decom: '2024-05-01', place: 'Q9' }),
    then: [],
    thenProblems: [{ line: 3, column: 'PLACE', code: 'UNKNOWN_CODE' }],
  },
  {
    rule: 'with --skip-invalid the rest is imported and the skipped rows listed',
    file: csv({ decom: '2024-05-01' }, { child: 'CH2', decom: '2024-05-01', place: 'Q9' }),
    skipInvalid: true,
    then: [started('2024-05-01', 'U4')],
    thenProblems: [{ line: 3, column: 'PLACE', code: 'UNKNOWN_CODE' }],
  },
  {
    rule: 'impossible dates, an end not after the start, a missing REC and a CHILD that cannot be an id are bad rows',
    file: csv(
      { decom: '2024-02-30' },
      { child: 'CH2', decom: '2024-05-01', dec: '2024-05-01', rec: 'E8' },
      { child: 'CH3', decom: '2024-05-01', dec: '2024-06-01' },
      { child: 'CH 4', decom: '2024-05-01' },
    ),
    skipInvalid: true,
    then: [],
    thenProblems: [
      { line: 2, column: 'DECOM', code: 'INVALID_DATE' },
      { line: 3, column: 'DEC', code: 'INVALID_DATES' },
      { line: 4, column: 'REC', code: 'MISSING_VALUE' },
      { line: 5, column: 'CHILD', code: 'INVALID_ID' },
    ],
  },
  {
    rule: 'a file without an episode column imports nothing, even with --skip-invalid',
    file: 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\r\nCH1,2024-05-01,P,C2,N1,U4,PR4,,\r\n',
    skipInvalid: true,
    then: [],
    thenProblems: [{ line: 1, column: 'URN', code: 'MISSING_COLUMN' }],
  },
];

describe('planSsda903Import: the rules of issue 12', () => {
  it.each(cases)('$rule', ({ given = [], file, contract = CONTRACT, la, urns, skipInvalid = false, then = [], thenProblems = [] }) => {
    const plan = planSsda903Import({ csvText: file, contract, existing: placementsFromEvents(given), la, urns, skipInvalid });
    expect(plan.events).toEqual(then);
    const problems = [...plan.errors, ...plan.skipped].map(({ line, column, code }) => ({ line, column, code }));
    expect(problems).toEqual(thenProblems);
    if (skipInvalid) expect(plan.errors.filter((e) => e.code !== 'MISSING_COLUMN')).toEqual([]);
    else expect(plan.skipped).toEqual([]);
  });

  it('a bad row without --skip-invalid empties the plan even when other rows are fine, and the summary says how many rows are bad', () => {
    const plan = planSsda903Import({ csvText: csv({ decom: '2024-05-01' }, { child: 'CH2', decom: '2024-05-01', rec: 'E8', dec: '2024-13-01' }), contract: CONTRACT, existing: [], skipInvalid: false });
    expect(plan.events).toEqual([]);
    expect(plan.errors).toEqual([{ line: 3, column: 'DEC', code: 'INVALID_DATE', message: 'DEC "2024-13-01" is not a date (YYYY-MM-DD)' }]);
    expect(plan.summary.invalidRows).toBe(1);
  });

  it('reports progress while reading', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ child: `CH${i}`, decom: '2024-05-01' }));
    const seen: number[] = [];
    planSsda903Import({ csvText: csv(...rows), contract: CONTRACT, existing: [], skipInvalid: false, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([1000, 2000, 2500]);
  });
});

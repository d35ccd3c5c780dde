import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SHARED_DIR } from '@ledger/testing';
import { addDays } from '@ledger/kernel';
import { placementTypeOn, type ContractEvent } from '@ledger/contracts-model';
import { parseCsv } from './csv';
import { placementsFromEvents } from './existing-placements';
import { planSsda903Import, type ImportContract, type PlacementImportEvent } from './plan-ssda903-import';

// The synthetic returns of three London boroughs (shared/data/ssda903-sample), which hold overlapping episodes.
const csvText = readFileSync(path.join(SHARED_DIR, 'data', 'ssda903-sample', 'episodes.csv'), 'utf8');
const lines = csvText.split('\r\n');
const CONTRACT: ImportContract = { contractId: 'C-SAMPLE', startDate: '2016-04-01', endDate: '2021-03-31' };
const AUTHORITIES = ['Southwark', 'Bromley', 'Hillingdon'];
const YEARS = ['2017', '2018', '2019', '2020', '2021'];

function returnOf(year: string): string {
  // Rows of other years become blank lines, so every row keeps its line number.
  return [lines[0], ...lines.slice(1).map((line) => (line.endsWith(`,${year}`) ? line : ''))].join('\r\n');
}

/** The spec's placement rules (section 4) an appended event must meet, checked event by event. */
function breaksOfPlacementRules(events: PlacementImportEvent[], contract: ImportContract): string[] {
  const lastCovered = contract.endDate;
  const breaks: string[] = [];
  const seen: ContractEvent[] = [];
  for (const event of events) {
    seen.push(event);
    const placements = placementsFromEvents(seen);
    const id = event.data.placementId;
    const placement = placements.find((p) => p.placementId === id);
    if (!placement) {
      breaks.push(`${event.type} of unknown ${id}`);
      continue;
    }
    if (placement.startDate < contract.startDate || placement.startDate > lastCovered) breaks.push(`${id} starts outside the contract`);
    if (placement.endDate !== null && (placement.endDate <= placement.startDate || placement.endDate > addDays(lastCovered, 1))) breaks.push(`${id} ends outside the rules`);
    if (event.type === 'PlacementChanged') {
      const { changedOn } = event.data;
      if (changedOn < placement.startDate || (placement.endDate !== null && changedOn >= placement.endDate) || changedOn > lastCovered) breaks.push(`${id} changes outside its dates`);
    }
    for (const other of placements) {
      if (other === placement || other.childRef !== placement.childRef) continue;
      const overlap = (other.endDate === null || placement.startDate < other.endDate) && (placement.endDate === null || other.startDate < placement.endDate);
      if (overlap) breaks.push(`${id} overlaps ${other.placementId}`);
    }
  }
  return breaks;
}

/** Placements by what a commissioner sees: child, dates and the type from each date on (ids aside). */
function view(events: ContractEvent[]): Map<string, string[]> {
  const byChild = new Map<string, string[]>();
  for (const placement of placementsFromEvents(events)) {
    const days = [placement.startDate, ...placement.changes.map((change) => change.changedOn)].filter(
      (day) => day >= placement.startDate && (placement.endDate === null || day < placement.endDate),
    );
    const types: string[] = [];
    let previous = '';
    for (const day of days) {
      const type = placementTypeOn(placement, day);
      if (type !== previous) types.push(`${day}:${type}`);
      previous = type;
    }
    const line = `${placement.startDate}..${placement.endDate ?? 'open'} ${types.join(' ')}`;
    byChild.set(placement.childRef, [...(byChild.get(placement.childRef) ?? []), line].sort());
  }
  return byChild;
}

describe('SSDA903 import of the sample returns', () => {
  it('imports one authority with --skip-invalid twice: the second plan appends nothing and lists the same skipped rows', () => {
    const first = planSsda903Import({ csvText, contract: CONTRACT, existing: [], la: 'Southwark', skipInvalid: true });
    expect(first.events.length).toBeGreaterThan(0);
    expect(first.skipped.map((issue) => issue.code)).toContain('OVERLAP');
    expect(breaksOfPlacementRules(first.events, CONTRACT)).toEqual([]);

    const second = planSsda903Import({ csvText, contract: CONTRACT, existing: placementsFromEvents(first.events), la: 'Southwark', skipInvalid: true });
    expect(second.events).toEqual([]);
    expect(second.skipped).toEqual(first.skipped);
    expect(second.summary.placementsUnchanged).toBe(first.summary.placementsStarted);
  });

  it('knows every code of the sample: its only bad rows are overlapping episodes', () => {
    const plan = planSsda903Import({ csvText, contract: CONTRACT, existing: [], skipInvalid: true });
    expect(new Set(plan.skipped.map((issue) => issue.code))).toEqual(new Set(['OVERLAP']));
  });

  it.each(AUTHORITIES)('%s: importing the returns year by year gives the placements (dates and types) of importing all years at once', (la) => {
    const allAtOnce = planSsda903Import({ csvText, contract: CONTRACT, existing: [], la, skipInvalid: true });
    let events: PlacementImportEvent[] = [];
    for (const year of YEARS) {
      const plan = planSsda903Import({ csvText: returnOf(year), contract: CONTRACT, existing: placementsFromEvents(events), la, skipInvalid: true });
      events = [...events, ...plan.events];
    }
    expect(breaksOfPlacementRules(events, CONTRACT)).toEqual([]);

    const expected = view(allAtOnce.events);
    const actual = view(events);
    expect(expected.size).toBeGreaterThan(100);
    expect(actual).toEqual(expected);
  });

  it.each([
    { startDate: '2018-04-01', endDate: '2019-03-31' },
    { startDate: '2010-01-01', endDate: '2030-12-31' },
  ])('all authorities, a contract from $startDate to $endDate: year by year gives what all at once gives, and all at once after it appends nothing', (dates) => {
    const contract = { contractId: 'C-WINDOW', ...dates };
    const allAtOnce = planSsda903Import({ csvText, contract, existing: [], skipInvalid: true });
    let events: PlacementImportEvent[] = [];
    for (const year of YEARS) {
      events = [...events, ...planSsda903Import({ csvText: returnOf(year), contract, existing: placementsFromEvents(events), skipInvalid: true }).events];
    }
    expect(breaksOfPlacementRules(events, contract)).toEqual([]);
    expect(view(events)).toEqual(view(allAtOnce.events));
    expect(planSsda903Import({ csvText, contract, existing: placementsFromEvents(events), skipInvalid: true }).events).toEqual([]);
  });

  it('a small file whose only problem is one bad code imports nothing without --skip-invalid and names its line', () => {
    const small = lines.slice(0, 21);
    const fields = small[12].split(',');
    fields[5] = 'ZZ';
    small[12] = fields.join(',');
    const plan = planSsda903Import({ csvText: small.join('\r\n'), contract: CONTRACT, existing: [], skipInvalid: false });
    expect(plan.events).toEqual([]);
    expect(plan.errors).toEqual([{ line: 13, column: 'PLACE', code: 'UNKNOWN_CODE', message: 'PLACE "ZZ" is not an SSDA903 code' }]);
    const skipping = planSsda903Import({ csvText: small.join('\r\n'), contract: CONTRACT, existing: [], skipInvalid: true });
    expect(skipping.events.length).toBeGreaterThan(0);
    expect(skipping.skipped.map((issue) => issue.line)).toEqual([13]);
  });
});

describe('personal data never enters the event stream', () => {
  it('no postcode of the sample appears in any planned event', () => {
    const parsed = parseCsv(csvText);
    if (!parsed.ok) throw new Error(parsed.message);
    const [header, ...records] = parsed.records;
    const postcodes = new Set(records.flatMap(({ fields }) => [fields[header.fields.indexOf('HOME_POST')], fields[header.fields.indexOf('PL_POST')]]).filter(Boolean));
    const plan = planSsda903Import({ csvText, contract: CONTRACT, existing: [], skipInvalid: true });
    const written = JSON.stringify(plan.events);
    expect(postcodes.size).toBeGreaterThan(1000);
    expect([...postcodes].filter((postcode) => written.includes(postcode))).toEqual([]);
  });

  it('date of birth, UPN, ethnicity and postcodes in a file that carries them are dropped: only the pseudonymous CHILD remains', () => {
    const file = [
      'CHILD,DOB,UPN,ETHNIC,SEX,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,HOME_POST,PL_POST,URN',
      'C77,2009-02-17,A123456789012,WBRI,1,2024-05-01,S,C2,N1,U4,PR4,,,ZX9 9QQ,QQ1 1ZX,SC555',
    ].join('\r\n');
    const plan = planSsda903Import({ csvText: file, contract: { contractId: 'C', startDate: '2024-04-01', endDate: '2025-03-31' }, existing: [], skipInvalid: false });
    const written = JSON.stringify([plan.events, plan.summary, plan.errors, plan.skipped]);
    expect(plan.events).toHaveLength(1);
    for (const personal of ['2009-02-17', 'A123456789012', 'WBRI', 'ZX9 9QQ', 'QQ1 1ZX']) expect(written).not.toContain(personal);
    expect(plan.events[0].data).toEqual({
      placementId: 'SSDA-C77-2024-05-01',
      childRef: 'C77',
      startDate: '2024-05-01',
      placementType: 'U4',
      ssda903: { rne: 'S', ls: 'C2', cin: 'N1', placeProvider: 'PR4', urn: 'SC555', decom: '2024-05-01' },
    });
  });
});

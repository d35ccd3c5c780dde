import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractView, openPeriod, placementTypeOn, type PlacementView } from './contract-view';
import type { RecordedContractEvent } from './types';

// shared/ lies beside the repository, in a session's checkout and in CI's fresh clone alike.
const EXAMPLES = process.env.LEDGER_SHARED_DIR
  ? path.join(process.env.LEDGER_SHARED_DIR, 'spec', 'examples')
  : path.resolve(__dirname, '../../../../../shared/spec/examples');

function exampleEvents(name: string): RecordedContractEvent[] {
  return readFileSync(path.join(EXAMPLES, name, 'events.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const event = JSON.parse(line) as RecordedContractEvent & { globalPosition: string | number };
      return { ...event, globalPosition: String(event.globalPosition) };
    });
}

describe('contractView over the worked examples', () => {
  it('example 03: claims with their recorded amounts, one reversed, payments and closes', () => {
    const events = exampleEvents('03-caps-and-reversal');
    const view = contractView(events);
    expect(view?.status).toBe('agreed');
    expect(view?.signatures.map((signature) => signature.party).sort()).toEqual(['commissioner', 'provider']);
    expect(view?.claims).toHaveLength(8);
    expect(view?.claims.filter((claim) => claim.status === 'reversed')).toHaveLength(1);
    const verifiedAmounts = events.filter((event) => event.type === 'OutcomeVerified').map((event) => (event.data as { amountPence: number }).amountPence);
    const viewAmounts = view?.claims.map((claim) => claim.amountPence);
    expect(viewAmounts).toEqual(verifiedAmounts);
    expect(view?.payments).toHaveLength(2);
    expect(view?.closedPeriods.map((closed) => closed.period)).toEqual(['2024-04', '2024-05', '2024-06']);
    expect(view && openPeriod(view)).toBe('2024-07');
    expect(view?.revision).toBe(events[events.length - 1].revision);
  });

  it('example 08: a terminated contract', () => {
    const view = contractView(exampleEvents('08-termination'));
    expect(view?.status).toBe('terminated');
    expect(view?.termination?.terminatedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('example 06: changes and corrected dates show on the placement', () => {
    const events = exampleEvents('06-placement-change-and-correction');
    const view = contractView(events);
    const corrected = events.filter((event) => event.type === 'PlacementDatesCorrected');
    expect(corrected.length).toBeGreaterThan(0);
    const last = corrected[corrected.length - 1].data as { placementId: string; startDate: string; endDate: string | null };
    const placement = view?.placements.find((candidate) => candidate.placementId === last.placementId);
    expect(placement?.startDate).toBe(last.startDate);
    expect(placement?.endDate).toBe(last.endDate);
  });

  it('knows nothing before the contract is drafted', () => {
    expect(contractView([])).toBeUndefined();
  });
});

describe('placementTypeOn', () => {
  const placement: PlacementView = {
    placementId: 'P', childRef: 'C', startDate: '2024-04-01', endDate: null, placementType: 'U1',
    changes: [
      { changedOn: '2024-06-01', placementType: 'K2' },
      { changedOn: '2024-05-01', placementType: 'U3' },
      { changedOn: '2024-06-01', placementType: 'H5' },
    ],
  };
  it.each([
    ['2024-04-30', 'U1'],
    ['2024-05-15', 'U3'],
    ['2024-06-01', 'H5'],
  ])('on %s the type is %s (the latest change by date; on one day the later one)', (day, type) => {
    expect(placementTypeOn(placement, day)).toBe(type);
  });
});

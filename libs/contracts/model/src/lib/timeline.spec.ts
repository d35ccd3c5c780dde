import type { ContractEventData, ContractEventType } from './events';
import type { Terms } from './terms';
import { contractTimeline, placementCoversNight, placementTypeOn, placementTypeSegments, type TimelineEvent } from './timeline';

function termsAt(pricePence: number): Terms {
  return { fees: [{ code: 'FOSTER-IFA', name: 'Fostering', pricePence, unitDays: 7 }], outcomes: [], caps: {} };
}

/** Events numbered by their place in the list, as stream revisions are. */
function stream(...events: [ContractEventType, unknown][]): TimelineEvent[] {
  return events.map(([type, data], revision) => ({ type, data, revision }) as TimelineEvent);
}

const drafted: [ContractEventType, ContractEventData['ContractDrafted']] = [
  'ContractDrafted',
  {
    contractId: 'C-1',
    commissionerId: 'LA-1',
    providerId: 'PRV-1',
    title: 'Test',
    startDate: '2024-04-01',
    endDate: '2025-03-31',
    terms: termsAt(82_000),
  },
];

function proposed(variationId: string, effectiveFrom: string, pricePence: number, endDate?: string): [ContractEventType, unknown] {
  return ['VariationProposed', { variationId, proposedBy: 'provider', effectiveFrom, terms: termsAt(pricePence), reason: 'r', ...(endDate ? { endDate } : {}) }];
}

function accepted(variationId: string): [ContractEventType, unknown] {
  return ['VariationAccepted', { variationId, by: 'commissioner', on: '2024-06-01' }];
}

describe('Terms in force on day d: the accepted variation with the greatest effectiveFrom <= d (ties: the one accepted later), else the original terms', () => {
  it.each([
    ['the original terms before any variation', stream(drafted), '2024-05-01', 82_000, [0]],
    ['the original terms before the variation takes effect', stream(drafted, proposed('V1', '2024-06-01', 85_000), accepted('V1')), '2024-05-31', 82_000, [0]],
    ['the variation from its effectiveFrom', stream(drafted, proposed('V1', '2024-06-01', 85_000), accepted('V1')), '2024-06-01', 85_000, [1, 2]],
    ['a backdated variation from its effectiveFrom', stream(drafted, proposed('V1', '2024-04-15', 85_000), accepted('V1')), '2024-04-20', 85_000, [1, 2]],
    ['a proposal never accepted is never in force', stream(drafted, proposed('V1', '2024-06-01', 85_000)), '2024-07-01', 82_000, [0]],
    [
      'a declined variation is never in force',
      stream(drafted, proposed('V1', '2024-06-01', 85_000), ['VariationDeclined', { variationId: 'V1', by: 'commissioner', on: '2024-06-01' }]),
      '2024-07-01',
      82_000,
      [0],
    ],
    [
      'the greatest effectiveFrom <= d wins, whatever the order of acceptance',
      stream(drafted, proposed('V1', '2024-08-01', 90_000), accepted('V1'), proposed('V2', '2024-06-01', 85_000), accepted('V2')),
      '2024-09-01',
      90_000,
      [1, 2],
    ],
    [
      'ties: the one accepted later',
      stream(drafted, proposed('V1', '2024-06-01', 85_000), proposed('V2', '2024-06-01', 90_000), accepted('V2'), accepted('V1')),
      '2024-06-10',
      85_000,
      [1, 4],
    ],
    [
      'the original terms are the last ContractTermsAmended',
      stream(drafted, ['ContractTermsAmended', { terms: termsAt(83_000) }], ['ContractTermsAmended', { terms: termsAt(84_000) }]),
      '2024-05-01',
      84_000,
      [2],
    ],
  ])('%s', (_name, events, day, pricePence, sources) => {
    const version = contractTimeline(events).termsVersionOn(day);
    expect(version.terms.fees[0].pricePence).toBe(pricePence);
    expect(version.sources).toEqual(sources);
  });

  it('splits a range of days into runs of one terms version each', () => {
    const timeline = contractTimeline(stream(drafted, proposed('V1', '2024-06-10', 85_000), accepted('V1'), proposed('V2', '2024-06-20', 90_000), accepted('V2')));
    expect(timeline.termsSegments('2024-06-01', '2024-06-30').map(({ from, to, version }) => [from, to, version.terms.fees[0].pricePence])).toEqual([
      ['2024-06-01', '2024-06-09', 82_000],
      ['2024-06-10', '2024-06-19', 85_000],
      ['2024-06-20', '2024-06-30', 90_000],
    ]);
    expect(timeline.termsSegments('2024-06-12', '2024-06-15').map(({ from, to }) => [from, to])).toEqual([['2024-06-12', '2024-06-15']]);
  });
});

describe("The contract's endDate is the endDate of the most recently accepted variation (in stream order) that set one, else the original", () => {
  it.each([
    ['the original endDate', stream(drafted), '2025-03-31'],
    ['an amendment in draft may set it', stream(drafted, ['ContractTermsAmended', { terms: termsAt(1), endDate: '2025-06-30' }]), '2025-06-30'],
    ['a pending variation does not', stream(drafted, proposed('V1', '2024-06-01', 85_000, '2026-03-31')), '2025-03-31'],
    ['an accepted variation that sets one', stream(drafted, proposed('V1', '2024-06-01', 85_000, '2026-03-31'), accepted('V1')), '2026-03-31'],
    [
      'the most recently accepted, in stream order, not by effectiveFrom',
      stream(drafted, proposed('V1', '2024-09-01', 85_000, '2026-03-31'), proposed('V2', '2024-06-01', 85_000, '2025-09-30'), accepted('V1'), accepted('V2')),
      '2025-09-30',
    ],
    [
      'a later variation that sets none keeps it',
      stream(drafted, proposed('V1', '2024-06-01', 85_000, '2026-03-31'), accepted('V1'), proposed('V2', '2024-07-01', 86_000), accepted('V2')),
      '2026-03-31',
    ],
  ])('%s', (_name, events, endDate) => {
    expect(contractTimeline(events).endDate).toBe(endDate);
  });
});

describe('The contract covers the days startDate ..= endDate and, once terminated, only days before terminatedOn', () => {
  const agreed = stream(drafted);
  const terminated = stream(drafted, ['ContractTerminated', { terminatedOn: '2024-06-20', reason: 'r' }]);
  it.each([
    ['the day before startDate is not covered', agreed, '2024-03-31', false],
    ['startDate is covered', agreed, '2024-04-01', true],
    ['endDate is covered', agreed, '2025-03-31', true],
    ['the day after endDate is not covered', agreed, '2025-04-01', false],
    ['the day before terminatedOn is covered', terminated, '2024-06-19', true],
    ['terminatedOn is not covered', terminated, '2024-06-20', false],
  ])('%s', (_name, events, day, covered) => {
    expect(contractTimeline(events).covers(day)).toBe(covered);
  });

  it('knows the last covered day', () => {
    expect(contractTimeline(agreed).lastCoveredDay).toBe('2025-03-31');
    expect(contractTimeline(terminated).lastCoveredDay).toBe('2024-06-19');
  });
});

describe('A placement covers the nights [startDate, endDate); its dates are those of its latest start, end or correction event', () => {
  const started: [ContractEventType, unknown] = ['PlacementStarted', { placementId: 'PL-1', childRef: 'CH-1', startDate: '2024-04-10', placementType: 'U4' }];
  it.each([
    ['an open placement covers every night from its start', stream(drafted, started), { '2024-04-09': false, '2024-04-10': true, '2030-01-01': true }],
    [
      'an ended placement does not cover its endDate',
      stream(drafted, started, ['PlacementEnded', { placementId: 'PL-1', endDate: '2024-05-01', reasonCode: 'E4A' }]),
      { '2024-04-30': true, '2024-05-01': false },
    ],
    [
      'a correction sets both dates',
      stream(drafted, started, ['PlacementDatesCorrected', { placementId: 'PL-1', startDate: '2024-04-05', endDate: '2024-04-20', reason: 'r' }]),
      { '2024-04-05': true, '2024-04-19': true, '2024-04-20': false },
    ],
    [
      'a correction with a null endDate opens it again',
      stream(
        drafted,
        started,
        ['PlacementEnded', { placementId: 'PL-1', endDate: '2024-05-01', reasonCode: 'E4A' }],
        ['PlacementDatesCorrected', { placementId: 'PL-1', startDate: '2024-04-10', endDate: null, reason: 'r' }],
      ),
      { '2024-06-01': true },
    ],
    [
      'an end after a correction wins over it',
      stream(
        drafted,
        started,
        ['PlacementDatesCorrected', { placementId: 'PL-1', startDate: '2024-04-01', endDate: '2024-06-01', reason: 'r' }],
        ['PlacementEnded', { placementId: 'PL-1', endDate: '2024-05-01', reasonCode: 'E4A' }],
      ),
      { '2024-04-01': true, '2024-05-01': false },
    ],
  ])('%s', (_name, events, nights) => {
    const placement = contractTimeline(events).placement('PL-1');
    if (!placement) throw new Error('no placement');
    for (const [night, covered] of Object.entries(nights)) expect([night, placementCoversNight(placement, night)]).toEqual([night, covered]);
  });

  it('records every event of the placement as its own, in stream order', () => {
    const timeline = contractTimeline(
      stream(drafted, started, ['PlacementChanged', { placementId: 'PL-1', changedOn: '2024-04-20', placementType: 'K2' }], [
        'PlacementEnded',
        { placementId: 'PL-1', endDate: '2024-05-01', reasonCode: 'E4A' },
      ]),
    );
    expect(timeline.placement('PL-1')?.revisions).toEqual([1, 2, 3]);
    expect(timeline.placementsOfChild('CH-1').map((p) => p.placementId)).toEqual(['PL-1']);
  });
});

describe("A placement's type on a day is that of its latest change on or before the day; on one day the later change wins", () => {
  const events = stream(
    drafted,
    ['PlacementStarted', { placementId: 'PL-1', childRef: 'CH-1', startDate: '2024-04-01', placementType: 'U4' }],
    ['PlacementChanged', { placementId: 'PL-1', changedOn: '2024-05-01', placementType: 'K2' }],
    ['PlacementChanged', { placementId: 'PL-1', changedOn: '2024-04-20', placementType: 'P1' }],
    ['PlacementChanged', { placementId: 'PL-1', changedOn: '2024-05-01', placementType: 'U5' }],
  );
  const placement = contractTimeline(events).placement('PL-1');
  if (!placement) throw new Error('no placement');

  it.each([
    ['the type it started with before any change', '2024-04-19', 'U4'],
    ['a change recorded later but dated earlier applies from its day', '2024-04-20', 'P1'],
    ['of two changes on one day, the later in the stream wins', '2024-05-01', 'U5'],
    ['and holds after it', '2024-06-01', 'U5'],
  ])('%s', (_name, day, placementType) => {
    expect(placementTypeOn(placement, day)).toBe(placementType);
  });

  it('splits a range of nights into runs of one type each', () => {
    expect(placementTypeSegments(placement, '2024-04-15', '2024-05-05')).toEqual([
      { from: '2024-04-15', to: '2024-04-19', placementType: 'U4' },
      { from: '2024-04-20', to: '2024-04-30', placementType: 'P1' },
      { from: '2024-05-01', to: '2024-05-05', placementType: 'U5' },
    ]);
  });
});

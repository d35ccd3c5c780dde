import { decide, foldContract, verifyContractHistory, type ContractStreamEvent, type ExistingContract } from '@ledger/contracts-domain';
import { contractStreamId } from '@ledger/contracts-feature';
import { openEventStore, type EventStore } from '@ledger/event-store';
import { addDays, firstDayOf, isRejection, londonDate, periodOf, type Period } from '@ledger/kernel';
import { DEMO_COMMISSIONER } from './demo-plan';
import { defaultFrameworkKinds, seedDemo } from './seed-demo';

const framework = defaultFrameworkKinds();
const previous = (period: Period): Period => periodOf(addDays(firstDayOf(period), -1));

async function contractOf(store: EventStore, contractId: string): Promise<ContractStreamEvent[]> {
  return (await store.readStream(contractStreamId(contractId))) as unknown as ContractStreamEvent[];
}

describe('seedDemo: a living partnership relative to the pinned clock', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await openEventStore({ kind: 'pglite' });
  });
  afterEach(() => store.close());

  it.each([
    ['the last evening of a month (GMT)', '2026-11-30T23:30:00.000Z'],
    ['the first minutes of a month in London during BST (still the 31st in UTC)', '2026-08-31T23:30:00.000Z'],
    ['31 March, the day after the clocks go forward', '2026-03-31T12:00:00.000Z'],
    ['late October, just after the clocks go back', '2026-10-27T09:00:00.000Z'],
    ['1 January, the first day of a year', '2027-01-01T10:00:00.000Z'],
  ])('%s: every stream re-decides, months closed to the month before last, last month closable', async (_name, now) => {
    const result = await seedDemo(store, { now, framework });
    expect(result).toEqual({ seeded: true, contracts: ['SWK-BF-DEMO-01', 'SWK-HC-DEMO-01', 'SWK-BF-DEMO-02'], events: expect.any(Number) });

    const today = londonDate(Date.parse(now));
    const lastMonth = previous(periodOf(today));
    for (const contractId of ['SWK-BF-DEMO-01', 'SWK-HC-DEMO-01']) {
      const events = await contractOf(store, contractId);
      expect(verifyContractHistory(events, { framework })).toEqual({ ok: true, events: events.length });
      expect(events.every((event) => event.metadata.recordedAt <= now)).toBe(true);
      const state = foldContract(events) as ExistingContract;
      expect(state.status).toBe('agreed');
      expect(state.lastClosedPeriod).toBe(previous(lastMonth));
      expect(Object.values(state.claims).map((claim) => claim.status)).toContain('pending');
      expect(events.filter((event) => event.type === 'PaymentRecorded').length).toBeGreaterThan(0);

      const close = decide({ type: 'ClosePeriod', contractId, period: lastMonth, actor: { sub: 'demo-test', role: 'commissioner', org: DEMO_COMMISSIONER } }, state, {
        today,
        recordedAt: now,
      });
      expect(isRejection(close) ? close.code : close.map((event) => event.type)).toEqual(['PeriodClosed']);
    }
    const draft = await contractOf(store, 'SWK-BF-DEMO-02');
    expect(verifyContractHistory(draft, { framework }).ok).toBe(true);
    expect(foldContract(draft).status).toBe('draft');
  });

  it('seeds nothing when the store already holds a contract, so a second start leaves the demo as it was', async () => {
    const now = '2026-11-27T02:00:00.000Z';
    const first = await seedDemo(store, { now, framework });
    const after = await store.readAll();
    expect(first.seeded).toBe(true);
    await expect(seedDemo(store, { now: '2026-12-15T09:00:00.000Z', framework })).resolves.toEqual({ seeded: false, contracts: [], events: 0 });
    expect((await store.readAll()).length).toBe(after.length);
  });

  it('refuses a clock that is not an instant', async () => {
    await expect(seedDemo(store, { now: 'yesterday' })).rejects.toThrow('not an ISO-8601 instant');
    expect(await store.readAll()).toEqual([]);
  });
});

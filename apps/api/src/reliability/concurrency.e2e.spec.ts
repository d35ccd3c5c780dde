import { openEventStore, type EventStore } from '@ledger/event-store';
import { verifyContractHistory, type ContractStreamEvent } from '@ledger/contracts-domain';
import { createTestDatabase, loadExampleFolders, publishExampleFramework, requestForEvent, type ExampleFolder, type TestApi, type TestDatabase } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';

/**
 * Issue 9: sixteen clients racing conflicting commands on one contract end in a state some serial order gives.
 * Every race runs through HTTP into one API whose pipeline appends with the revision it read, so a lost race
 * is a ConcurrencyError that must be re-decided, never a second event.
 */
const CLIENTS = 16;
const example = loadExampleFolders().find((folder) => folder.name === '03-caps-and-reversal') as ExampleFolder;
const CONTRACT = 'HIL-HC-2024-002';
const STREAM = `contract-${CONTRACT}`;
const COMMISSIONER = { sub: 'p.sandhu@hillingdon.gov.uk', role: 'commissioner', org: 'LA-HILLINGDON' };
const PROVIDER = { sub: 'tom.reilly@havencare.co.uk', role: 'provider', org: 'PRV-HAVENCARE' };
const CLAIMING = '2024-04-10T10:00:00.000Z';
const VERIFYING = '2024-04-20T10:00:00.000Z';
const CLOSING = '2024-05-02T10:00:00.000Z';
const CONTRACT_CAP_PENCE = 1_000_000;
const PER_CHILD_CAP_PENCE = 820_000;
/** Through revision 5: agreed, with PL-3001 (CH-3001) and PL-3002 (CH-3002) started. */
const AGREED_WITH_PLACEMENTS = 6;

type Answer = { status: number; code?: string };

/**
 * Every read answers a few milliseconds late, so all racing commands have read the same head before any appends:
 * without this an in-process PGlite answers each request before the next one reads, and nothing would race.
 */
function widenRaceWindow(inner: EventStore, delayMs = 15): EventStore {
  const store = Object.create(inner) as EventStore;
  store.readStream = async (streamId, options) => {
    const events = await inner.readStream(streamId, options);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return events;
  };
  return store;
}

function asEvent(type: string, data: Record<string, unknown>): ContractStreamEvent {
  return { type, data, metadata: { actor: PROVIDER } } as unknown as ContractStreamEvent;
}

async function command(api: TestApi, event: ContractStreamEvent, actor: typeof COMMISSIONER, now: string): Promise<Answer> {
  const sent = requestForEvent(event, CONTRACT);
  if (!sent) throw new Error(`no request records ${event.type}`);
  const response = await api.send(sent.method, sent.path, { actor, now, body: sent.body });
  return { status: response.status, code: response.body?.code };
}

/** Clients retry a 412 CONCURRENCY (it appended nothing) this many times before giving up. */
const RETRIES_ON_CONFLICT = 12;

async function persistently(api: TestApi, event: ContractStreamEvent, actor: typeof COMMISSIONER, now: string): Promise<Answer> {
  let answer = await command(api, event, actor, now);
  for (let retry = 0; retry < RETRIES_ON_CONFLICT && answer.code === 'CONCURRENCY'; retry++) answer = await command(api, event, actor, now);
  return answer;
}

/** All clients at once: each request is in flight before any is answered. */
function race(api: TestApi, events: ContractStreamEvent[], actor: typeof COMMISSIONER, now: string, send = command): Promise<Answer[]> {
  return Promise.all(events.map((event) => send(api, event, actor, now)));
}

async function streamOf(store: EventStore): Promise<ContractStreamEvent[]> {
  return (await store.readStream(STREAM)) as unknown as ContractStreamEvent[];
}

function countByStatus(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[`${answer.status} ${answer.code ?? ''}`.trim()] = (counts[`${answer.status} ${answer.code ?? ''}`.trim()] ?? 0) + 1;
  return counts;
}

/**
 * A client that lost more than MAX_DECIDE_ATTEMPTS races is answered 412 CONCURRENCY and appended nothing, which a
 * serial order also gives (that command simply came last and was refused), so it may stand for any loser.
 */
function expectWinnersAndLosers(answers: Answer[], winner: string, winners: number, loser: string): void {
  const counts = countByStatus(answers);
  expect(Object.keys(counts).filter((key) => key !== winner && key !== loser && key !== '412 CONCURRENCY')).toEqual([]);
  expect(counts[winner]).toBe(winners);
}

function placementOf(placementId: string, childRef: string, startDate: string, placementType = 'U4') {
  return asEvent('PlacementStarted', { placementId, childRef, startDate, placementType });
}

function claimOf(claimId: string, placementId: string, childRef: string, outcomeCode: string) {
  return asEvent('OutcomeClaimed', { claimId, placementId, childRef, outcomeCode, achievedOn: '2024-04-09', claimedOn: '2024-04-10', evidence: [{ kind: 'evidence-pack', ref: `EP-${claimId}` }] });
}

const stores: { name: string; open: () => Promise<{ store: EventStore; dispose: () => Promise<void> }> }[] = [
  { name: 'PGlite in-process', open: async () => ({ store: await openEventStore({ kind: 'pglite' }), dispose: async () => undefined }) },
];
if (process.env['DATABASE_URL']) {
  stores.push({
    name: 'PostgreSQL',
    open: async () => {
      const database: TestDatabase = await createTestDatabase();
      const store = await openEventStore({ kind: 'postgres', connectionString: database.url, poolSize: 8 });
      return { store, dispose: () => database.drop() };
    },
  });
} else {
  console.log('concurrency: the PostgreSQL run is SKIPPED because DATABASE_URL is not set (PGlite still runs)');
}

describe.each(stores)('sixteen racing clients on one contract ($name)', ({ open }) => {
  let api: TestApi & { store: EventStore };
  let dispose: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const opened = await open();
    dispose = opened.dispose;
    api = await startTestApi({ store: widenRaceWindow(opened.store) });
    await publishExampleFramework(api);
    for (const event of example.events.slice(0, AGREED_WITH_PLACEMENTS)) {
      const sent = requestForEvent(event, CONTRACT);
      if (!sent) continue;
      const response = await api.send(sent.method, sent.path, { actor: event.metadata.actor, now: event.metadata.recordedAt, body: sent.body });
      if (response.status >= 300) throw new Error(`${event.type}: ${response.status} ${response.text}`);
    }
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await dispose();
  });

  it('claims of one outcome for one child (maxPerChild 1): one 201, the rest 422 DUPLICATE_OUTCOME (or 412), one OutcomeClaimed', async () => {
    const claims = Array.from({ length: CLIENTS }, (_, i) => claimOf(`CLM-RACE-${i}`, 'PL-3001', 'CH-3001', 'IF-BEHAVIOUR'));
    const answers = await race(api, claims, PROVIDER, CLAIMING);
    expectWinnersAndLosers(answers, '201', 1, '422 DUPLICATE_OUTCOME');
    const recorded = (await streamOf(api.store)).filter((event) => event.type === 'OutcomeClaimed');
    expect(recorded).toHaveLength(1);
  }, 60_000);

  it('overlapping placements of one child: one 201, the rest 422 CHILD_ALREADY_PLACED (or 412), one PlacementStarted', async () => {
    const placements = Array.from({ length: CLIENTS }, (_, i) => placementOf(`PL-RACE-${i}`, 'CH-3009', `2024-04-0${1 + (i % 8)}`));
    const answers = await race(api, placements, COMMISSIONER, CLAIMING);
    expectWinnersAndLosers(answers, '201', 1, '422 CHILD_ALREADY_PLACED');
    const started = (await streamOf(api.store)).filter((event) => event.type === 'PlacementStarted' && (event.data as { childRef: string }).childRef === 'CH-3009');
    expect(started).toHaveLength(1);
  }, 60_000);

  it('verifications racing the caps (clients retrying 412): the verified sums never exceed either cap and equal a serial re-decision of the stream', async () => {
    for (const [placementId, childRef] of [['PL-3101', 'CH-3101'], ['PL-3102', 'CH-3102']]) {
      expect(await command(api, placementOf(placementId, childRef, '2024-04-08'), COMMISSIONER, CLAIMING)).toEqual({ status: 201 });
    }
    const pending = [
      ...['IF-ATTEND', 'IF-L1', 'IF-L2', 'IF-L3', 'IF-JOB-13W'].map((code) => claimOf(`CLM-3001-${code}`, 'PL-3001', 'CH-3001', code)),
      ...['IF-BEHAVIOUR', 'IF-ATTEND', 'IF-L1', 'IF-L2', 'IF-L3', 'IF-JOB-13W'].map((code) => claimOf(`CLM-3101-${code}`, 'PL-3101', 'CH-3101', code)),
      ...['IF-BEHAVIOUR', 'IF-ATTEND', 'IF-L1', 'IF-L2', 'IF-L3'].map((code) => claimOf(`CLM-3102-${code}`, 'PL-3102', 'CH-3102', code)),
    ];
    expect(pending).toHaveLength(CLIENTS);
    for (const claim of pending) expect(await command(api, claim, PROVIDER, CLAIMING)).toEqual({ status: 201 });

    const verifications = pending.map((claim) => asEvent('OutcomeVerified', { claimId: (claim.data as { claimId: string }).claimId, verifiedOn: '2024-04-20' }));
    const answers = await race(api, verifications, COMMISSIONER, VERIFYING, persistently);
    expect(countByStatus(answers)).toEqual({ '200': CLIENTS });

    const events = await streamOf(api.store);
    const verified = events.filter((event) => event.type === 'OutcomeVerified').map((event) => event.data as { claimId: string; amountPence: number; pricePence: number });
    expect(verified).toHaveLength(CLIENTS);
    const childOf = new Map(pending.map((claim) => [(claim.data as { claimId: string }).claimId, (claim.data as { childRef: string }).childRef]));
    const byChild = new Map<string, number>();
    for (const { claimId, amountPence } of verified) byChild.set(childOf.get(claimId) as string, (byChild.get(childOf.get(claimId) as string) ?? 0) + amountPence);
    const total = verified.reduce((sum, { amountPence }) => sum + amountPence, 0);
    // The prices add up to far more than the contract cap, so a race that skipped the re-decision would overshoot it.
    expect(verified.reduce((sum, { pricePence }) => sum + pricePence, 0)).toBeGreaterThan(2 * CONTRACT_CAP_PENCE);
    expect(total).toBeLessThanOrEqual(CONTRACT_CAP_PENCE);
    for (const awarded of byChild.values()) expect(awarded).toBeLessThanOrEqual(PER_CHILD_CAP_PENCE);
    expect(verifyContractHistory(events)).toMatchObject({ ok: true, events: events.length });
  }, 60_000);

  it('closes of one month: answers 200, 422 PERIOD_ALREADY_CLOSED or 412, one PeriodClosed, the history re-decides', async () => {
    const closes = Array.from({ length: CLIENTS }, () => asEvent('PeriodClosed', { period: '2024-04', closedOn: '2024-05-02' }));
    const answers = await race(api, closes, COMMISSIONER, CLOSING);
    const counts = countByStatus(answers);
    expect(Object.keys(counts).filter((key) => key !== '200' && key !== '422 PERIOD_ALREADY_CLOSED' && key !== '412 CONCURRENCY')).toEqual([]);
    expect(counts['200']).toBeGreaterThanOrEqual(1);
    const events = await streamOf(api.store);
    expect(events.filter((event) => event.type === 'PeriodClosed')).toHaveLength(1);
    expect(verifyContractHistory(events)).toMatchObject({ ok: true, events: events.length });
  }, 60_000);
});

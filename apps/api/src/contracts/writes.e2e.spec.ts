import { openEventStore, type EventStore } from '@ledger/event-store';
import { bearerToken, loadExampleFolders, publishExampleFramework, sendRecordedEvent, type ExampleFolder, type TestApi } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';

const example = loadExampleFolders().find((folder) => folder.name === '01-fees-and-rounding') as ExampleFolder;
const CONTRACT = 'SWK-BF-2024-001';
const COMMISSIONER = { sub: 'jane.okafor@southwark.gov.uk', role: 'commissioner', org: 'LA-SOUTHWARK' };
const PROVIDER = { sub: 'sam.patel@brightfutures.org.uk', role: 'provider', org: 'PRV-BRIGHTFUTURES' };
const AUDITOR = { sub: 'auditor@nao', role: 'auditor', org: 'NAO' };
const PLACEMENT = { placementId: 'PL-2001', childRef: 'CH-2001', startDate: '2024-04-02', placementType: 'U4' };
const NOW = '2024-04-02T10:00:00.000Z';

async function replay(api: TestApi, count: number, events: ExampleFolder['events'] = example.events): Promise<void> {
  for (const event of events.slice(0, count)) await sendRecordedEvent(api, event, CONTRACT);
}

async function eventCount(api: TestApi): Promise<number> {
  const response = await api.send('GET', `/api/contracts/${CONTRACT}/events?limit=1000`, { actor: AUDITOR }).expect(200);
  return response.body.items.length;
}

/**
 * A store that lets one other writer append to the contract's stream between a command's read and its append,
 * the race the pipeline must answer by deciding again (or with 412 under If-Match).
 */
function racingStore(inner: EventStore, interloper: () => Promise<void>): EventStore & { races: number } {
  let armed = true;
  const store = Object.create(inner) as EventStore & { races: number };
  store.races = 0;
  store.appendToStream = async (streamId, events, options) => {
    if (armed && streamId === `contract-${CONTRACT}` && events[0]?.type === 'PlacementStarted') {
      armed = false;
      store.races++;
      await interloper();
    }
    return inner.appendToStream(streamId, events, options);
  };
  return store;
}

describe('writes: retries, Idempotency-Key, If-Match, concurrency, request shape', () => {
  let api: TestApi & { store: EventStore };

  beforeAll(async () => {
    api = await startTestApi();
    await publishExampleFramework(api);
    await replay(api, 4);
  });
  afterAll(() => api?.close());

  it('the same create twice answers 201 both times with the first answer, and appends one event', async () => {
    const before = await eventCount(api);
    const first = await api.send('POST', `/api/contracts/${CONTRACT}/placements`, { actor: COMMISSIONER, now: NOW, body: PLACEMENT }).expect(201);
    const second = await api.send('POST', `/api/contracts/${CONTRACT}/placements`, { actor: COMMISSIONER, now: NOW, body: PLACEMENT }).expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['etag']).toBe(first.headers['etag']);
    expect(first.body).toEqual({ contractId: CONTRACT, revision: before, globalPosition: expect.any(String) });
    expect(await eventCount(api)).toBe(before + 1);
  });

  it('the same id with other content is 409 PLACEMENT_EXISTS', async () => {
    const response = await api.send('POST', `/api/contracts/${CONTRACT}/placements`, { actor: COMMISSIONER, now: NOW, body: { ...PLACEMENT, childRef: 'CH-2999' } }).expect(409);
    expect(response.body.code).toBe('PLACEMENT_EXISTS');
  });

  it('an Idempotency-Key replays the first answer of a decision (no ALREADY_SIGNED), and with another body is IDEMPOTENCY_KEY_REUSED', async () => {
    const body = { placementId: 'PL-2001', changedOn: '2024-04-10', placementType: 'U5' };
    const headers = { 'Idempotency-Key': 'change-PL-2001-once' };
    const path = `/api/contracts/${CONTRACT}/placements/PL-2001/changes`;
    const first = await api.send('POST', path.replace('/PL-2001/', '/PL-2001/'), { actor: COMMISSIONER, now: NOW, body: { changedOn: body.changedOn, placementType: body.placementType }, headers }).expect(200);
    const count = await eventCount(api);
    const again = await api.send('POST', path, { actor: COMMISSIONER, now: NOW, body: { changedOn: body.changedOn, placementType: body.placementType }, headers }).expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['etag']).toBe(first.headers['etag']);
    expect(await eventCount(api)).toBe(count);
    const events = await api.send('GET', `/api/contracts/${CONTRACT}/events?from=${count - 1}`, { actor: AUDITOR }).expect(200);
    expect(events.body.items[0].metadata.commandId).toBe('change-PL-2001-once');

    const reused = await api.send('POST', path, { actor: COMMISSIONER, now: NOW, body: { changedOn: '2024-04-11', placementType: 'U5' }, headers }).expect(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await eventCount(api)).toBe(count);
  });

  it('If-Match: the current revision is accepted, a stale one is 412 CONCURRENCY and appends nothing', async () => {
    const head = (await eventCount(api)) - 1;
    const read = await api.send('GET', `/api/contracts/${CONTRACT}`, { actor: COMMISSIONER }).expect(200);
    expect(read.headers['etag']).toBe(`"${head}"`);
    const measurement = { measurementId: 'M-2001', childRef: 'CH-2001', instrument: 'SDQ', score: 20, measuredOn: '2024-04-02' };
    const stale = await api.send('POST', `/api/contracts/${CONTRACT}/measurements`, { actor: COMMISSIONER, now: NOW, body: measurement, headers: { 'If-Match': `"${head - 1}"` } }).expect(412);
    expect(stale.body.code).toBe('CONCURRENCY');
    expect(await eventCount(api)).toBe(head + 1);
    const current = await api.send('POST', `/api/contracts/${CONTRACT}/measurements`, { actor: COMMISSIONER, now: NOW, body: measurement, headers: { 'If-Match': read.headers['etag'] } }).expect(201);
    expect(current.headers['etag']).toBe(`"${head + 1}"`);
  });

  it.each([
    { name: 'an unknown member', body: { ...PLACEMENT, placementId: 'PL-3001', colour: 'blue' }, field: 'colour' },
    { name: 'a wrong type', body: { ...PLACEMENT, placementId: 'PL-3001', childRef: 42 }, field: 'childRef' },
    { name: 'an impossible date', body: { ...PLACEMENT, placementId: 'PL-3001', startDate: '2025-02-30' }, field: 'startDate' },
    { name: 'a bad id', body: { ...PLACEMENT, placementId: 'PL 3001!' }, field: 'placementId' },
    { name: 'null in an optional member', body: { ...PLACEMENT, placementId: 'PL-3001', endDate: null }, field: 'endDate' },
    { name: 'an over-long string', body: { ...PLACEMENT, placementId: 'PL-3001', placementType: 'U'.repeat(501) }, field: 'placementType' },
  ])('$name is 400 VALIDATION naming the field, appending nothing', async ({ body, field }) => {
    const before = await eventCount(api);
    const response = await api.send('POST', `/api/contracts/${CONTRACT}/placements`, { actor: COMMISSIONER, now: NOW, body }).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'VALIDATION', status: 400 });
    expect(response.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
    expect(await eventCount(api)).toBe(before);
  });

  it.each([
    { name: 'non-integer pence', amountPence: 10.5 },
    { name: 'zero pence', amountPence: 0 },
    { name: 'pence over 10^12', amountPence: 1_000_000_000_001 },
  ])('a payment of $name is 400 VALIDATION on amountPence', async ({ amountPence }) => {
    const body = { paymentId: 'PAY-X', amountPence, direction: 'toProvider', paidOn: '2024-04-02', reference: 'x' };
    const response = await api.send('POST', `/api/contracts/${CONTRACT}/payments`, { actor: COMMISSIONER, now: NOW, body }).expect(400);
    expect(response.body.errors).toEqual([{ field: 'amountPence', message: expect.any(String) }]);
  });

  it('an X-Ledger-Now before the stream\'s last recordedAt is 400 VALIDATION', async () => {
    const response = await api.send('POST', `/api/contracts/${CONTRACT}/placements`, { actor: COMMISSIONER, now: '2024-03-01T00:00:00.000Z', body: { ...PLACEMENT, placementId: 'PL-3002' } }).expect(400);
    expect(response.body.errors).toEqual([{ field: 'X-Ledger-Now', message: expect.any(String) }]);
  });

  it.each([
    { name: 'an expired token', headers: {} as Record<string, string>, expired: true },
    { name: 'a token signed with another secret', headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIiwib3JnIjoiWCIsImV4cCI6OTk5OTk5OTk5OX0.c2lnbmF0dXJl' }, expired: false },
    { name: 'an alg none token', headers: { Authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIiwib3JnIjoiWCIsImV4cCI6OTk5OTk5OTk5OX0.' }, expired: false },
  ])('$name is 401 UNAUTHENTICATED', async ({ headers, expired }) => {
    const auth = expired ? { Authorization: `Bearer ${bearerToken(AUDITOR, { expiresIn: -10 })}` } : headers;
    const response = await api.send('GET', '/api/contracts', { headers: auth }).expect(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('POST /api/dev/token issues a token the API accepts', async () => {
    const issued = await api.send('POST', '/api/dev/token', { body: { role: 'provider', org: 'PRV-BRIGHTFUTURES' } }).expect(200);
    const list = await api.send('GET', '/api/contracts', { headers: { Authorization: `Bearer ${issued.body.token}` } }).expect(200);
    expect(list.body.items.map((item: { contractId: string }) => item.contractId)).toEqual([CONTRACT]);
    const bad = await api.send('POST', '/api/dev/token', { body: { role: 'king', org: 'X' } }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'role', message: expect.any(String) }]);
  });

  it('a close sent without a body reads as {} and records the month, closed on the London date of the clock', async () => {
    const before = await eventCount(api);
    const response = await api.send('POST', `/api/contracts/${CONTRACT}/periods/2024-04/close`, { actor: COMMISSIONER, now: '2024-05-01T23:30:00.000Z' }).expect(200);
    expect(response.body.revision).toBe(before);
    const [closed] = (await api.send('GET', `/api/contracts/${CONTRACT}/events?from=${before}`, { actor: AUDITOR }).expect(200)).body.items;
    expect(closed).toMatchObject({ type: 'PeriodClosed', data: { period: '2024-04', closedOn: '2024-05-02' } });
  });
});

describe('a concurrent append between read and append', () => {
  const measurement = { measurementId: 'M-RACE', childRef: 'CH-1001', instrument: 'SDQ', score: 20, measuredOn: '2024-04-02' };
  const start = { ...PLACEMENT, placementId: 'PL-RACE' };

  it.each([
    { name: 'without If-Match is decided again on the new stream and appended', ifMatch: false, status: 201 },
    { name: 'with If-Match is 412 CONCURRENCY', ifMatch: true, status: 412 },
  ])('$name', async ({ ifMatch, status }) => {
    const inner = await openEventStore({ kind: 'pglite' });
    const racer: { api?: TestApi } = {};
    const store = racingStore(inner, async () => {
      await racer.api?.send('POST', `/api/contracts/${CONTRACT}/measurements`, { actor: PROVIDER, now: NOW, body: measurement }).expect(201);
    });
    const api = await startTestApi({ store });
    racer.api = api;
    try {
      await publishExampleFramework(api);
      await replay(api, 4);
      const head = (await eventCount(api)) - 1;
      const response = await api.send('POST', `/api/contracts/${CONTRACT}/placements`, { actor: COMMISSIONER, now: NOW, body: start, headers: ifMatch ? { 'If-Match': `"${head}"` } : {} });
      expect(response.status).toBe(status);
      expect(store.races).toBe(1);
      const types = (await api.send('GET', `/api/contracts/${CONTRACT}/events`, { actor: AUDITOR }).expect(200)).body.items.map((event: { type: string }) => event.type);
      expect(types.slice(head + 1)).toEqual(ifMatch ? ['MeasurementRecorded'] : ['MeasurementRecorded', 'PlacementStarted']);
      if (!ifMatch) expect(response.body.revision).toBe(head + 2);
    } finally {
      await api.close();
    }
  });
});

import { loadExampleFolders, publishExampleFramework, sendRecordedEvent, type ExampleFolder, type TestApi } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';

const example = loadExampleFolders().find((folder) => folder.name === '01-fees-and-rounding') as ExampleFolder;
const CONTRACT = 'SWK-BF-2024-001';
const COMMISSIONER = { sub: 'jane.okafor@southwark.gov.uk', role: 'commissioner', org: 'LA-SOUTHWARK' };
const AUDITOR = { sub: 'auditor@nao', role: 'auditor', org: 'NAO' };
const base = `/api/contracts/${CONTRACT}`;

describe('contract reads (example 01 replayed, a second contract of another organisation)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await publishExampleFramework(api);
    for (const event of example.events) await sendRecordedEvent(api, event, CONTRACT);
    const drafted = example.events[0];
    const other = { ...(drafted.data as object), contractId: 'OTHER-1', commissionerId: 'LA-OTHER', providerId: 'PRV-ELSEWHERE' };
    await api.send('POST', '/api/contracts', { actor: { sub: 'x@other', role: 'commissioner', org: 'LA-OTHER' }, now: drafted.metadata.recordedAt, body: other }).expect(201);
  });
  afterAll(() => api?.close());

  it.each([
    { who: 'the commissioner', actor: COMMISSIONER, ids: [CONTRACT] },
    { who: 'the provider', actor: { sub: 'p', role: 'provider', org: 'PRV-BRIGHTFUTURES' }, ids: [CONTRACT] },
    { who: 'an auditor', actor: AUDITOR, ids: ['OTHER-1', CONTRACT] },
    { who: 'an admin', actor: { sub: 'a', role: 'admin', org: 'LEDGER' }, ids: [] },
    { who: 'another organisation', actor: { sub: 'x', role: 'commissioner', org: 'LA-NOBODY' }, ids: [] },
  ])('GET /api/contracts lists what $who may read', async ({ actor, ids }) => {
    const response = await api.send('GET', '/api/contracts', { actor }).expect(200);
    expect(response.body.items.map((item: { contractId: string }) => item.contractId)).toEqual(ids);
  });

  it('pages the list with limit and cursor', async () => {
    const first = await api.send('GET', '/api/contracts?limit=1', { actor: AUDITOR }).expect(200);
    expect(first.body).toEqual({ items: [expect.objectContaining({ contractId: 'OTHER-1' })], next: 'OTHER-1' });
    const second = await api.send('GET', `/api/contracts?limit=1&cursor=${first.body.next}`, { actor: AUDITOR }).expect(200);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ contractId: CONTRACT, status: 'agreed', title: expect.any(String), commissionerId: 'LA-SOUTHWARK', providerId: 'PRV-BRIGHTFUTURES', startDate: '2024-04-01', endDate: '2026-03-31' })],
    });
    await api.send('GET', '/api/contracts?limit=1001', { actor: AUDITOR }).expect(400);
  });

  it.each([
    { who: 'an admin', actor: { sub: 'a', role: 'admin', org: 'LEDGER' } },
    { who: 'another organisation', actor: { sub: 'x', role: 'provider', org: 'PRV-OTHER' } },
  ])('$who gets 404 CONTRACT_NOT_FOUND for the contract, its events and statements', async ({ actor }) => {
    for (const path of [base, `${base}/events`, `${base}/statements`, `${base}/statements/2024-04`]) {
      const response = await api.send('GET', path, { actor }).expect(404);
      expect(response.body.code).toBe('CONTRACT_NOT_FOUND');
    }
  });

  it('GET a contract answers its state with the revision as ETag, and as of an instant', async () => {
    const now = await api.send('GET', base, { actor: COMMISSIONER }).expect(200);
    expect(now.headers['etag']).toBe(`"${example.events.length - 1}"`);
    expect(now.body).toMatchObject({ contractId: CONTRACT, status: 'agreed', revision: example.events.length - 1 });
    const draft = await api.send('GET', `${base}?asOf=2024-03-19T00:00:00.000Z`, { actor: COMMISSIONER }).expect(200);
    expect(draft.body).toMatchObject({ status: 'draft', revision: 0 });
    await api.send('GET', `${base}?asOf=2024-01-01T00:00:00.000Z`, { actor: COMMISSIONER }).expect(404);
    await api.send('GET', `${base}?asOf=yesterday`, { actor: COMMISSIONER }).expect(400);
  });

  it('pages the events with from and limit, with metadata and hashes', async () => {
    const first = await api.send('GET', `${base}/events?limit=4`, { actor: AUDITOR }).expect(200);
    expect(first.body.items.map((event: { revision: number }) => event.revision)).toEqual([0, 1, 2, 3]);
    expect(first.body.next).toBe('4');
    expect(first.headers['etag']).toBe(`"${example.events.length - 1}"`);
    expect(first.body.items[3]).toMatchObject({ type: 'ContractAgreed', metadata: { actor: { sub: 'system', role: 'system', org: 'SYSTEM' }, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const rest = await api.send('GET', `${base}/events?from=4&limit=1000`, { actor: AUDITOR }).expect(200);
    expect(rest.body.items).toHaveLength(example.events.length - 4);
    expect(rest.body.next).toBeUndefined();
  });

  it('the ContractAgreed of the second signature shares its recordedAt and correlationId and is caused by its command', async () => {
    const events = (await api.send('GET', `${base}/events?limit=4`, { actor: AUDITOR }).expect(200)).body.items;
    const [signature, agreed] = [events[2].metadata, events[3].metadata];
    expect(agreed).toMatchObject({ recordedAt: signature.recordedAt, correlationId: signature.correlationId, causationId: signature.commandId, schemaVersion: 1 });
  });

  it('statements of a month: closed, the open one provisional through a day, a later one PERIOD_OUT_OF_ORDER, an early through VALIDATION', async () => {
    const closed = await api.send('GET', `${base}/statements/2024-04`, { actor: COMMISSIONER }).expect(200);
    expect(closed.body).toEqual(example.expected.statements[0].statement);
    const statements = (await api.send('GET', `${base}/statements`, { actor: COMMISSIONER }).expect(200)).body.items as { period: string; status: string }[];
    const open = `2024-${String(Number(statements[statements.length - 1].period.slice(5)) + 1).padStart(2, '0')}`;
    const provisional = await api.send('GET', `${base}/statements/${open}?through=${open}-10`, { actor: COMMISSIONER, now: '2024-12-01T00:00:00.000Z' }).expect(200);
    expect(provisional.body).toMatchObject({ period: open, status: 'provisional' });
    const later = await api.send('GET', `${base}/statements/2025-12`, { actor: COMMISSIONER }).expect(422);
    expect(later.body.code).toBe('PERIOD_OUT_OF_ORDER');
    const early = await api.send('GET', `${base}/statements/${open}?through=2024-01-01`, { actor: COMMISSIONER }).expect(400);
    expect(early.body.errors).toEqual([{ field: 'through', message: expect.any(String) }]);
  });

  it('statements as of an instant before the first close are none', async () => {
    const response = await api.send('GET', `${base}/statements?asOf=2024-05-01T00:00:00.000Z`, { actor: COMMISSIONER }).expect(200);
    expect(response.body).toEqual({ items: [] });
  });
});

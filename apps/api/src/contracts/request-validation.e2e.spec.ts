import { loadExampleFolders, publishExampleFramework, sendRecordedEvent, type ExampleFolder, type TestApi } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';

const example = loadExampleFolders().find((folder) => folder.name === '01-fees-and-rounding') as ExampleFolder;
const CONTRACT = 'SWK-BF-2024-001';
const COMMISSIONER = { sub: 'jane.okafor@southwark.gov.uk', role: 'commissioner', org: 'LA-SOUTHWARK' };
const PROVIDER = { sub: 'sam.patel@brightfutures.org.uk', role: 'provider', org: 'PRV-BRIGHTFUTURES' };
const ADMIN = { sub: 'admin@ledger', role: 'admin', org: 'LEDGER' };
const NOW = '2024-04-02T10:00:00.000Z';
const PLACEMENT = { placementId: 'PL-4001', childRef: 'CH-4001', startDate: '2024-04-02', placementType: 'U4' };
const BAD = { ...PLACEMENT, startDate: '2025-02-30' };

/** ADR 0008 over HTTP: the DTOs answer 400 first (spec section 4's precedence), in the problem+json the API uses. */
describe('request validation by the DTOs', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await publishExampleFramework(api);
    for (const event of example.events.slice(0, 4)) await sendRecordedEvent(api, event, CONTRACT);
  });
  afterAll(() => api?.close());

  it.each<{ name: string; path: string; actor: typeof COMMISSIONER; headers: Record<string, string>; otherwise: number }>([
    { name: "the contract's 404", path: '/api/contracts/NO-SUCH-CONTRACT/placements', actor: COMMISSIONER, headers: {}, otherwise: 404 },
    { name: 'the 403 of a provider starting a placement', path: `/api/contracts/${CONTRACT}/placements`, actor: PROVIDER, headers: {}, otherwise: 403 },
    { name: "a stale If-Match's 412", path: `/api/contracts/${CONTRACT}/placements`, actor: COMMISSIONER, headers: { 'If-Match': '"0"' }, otherwise: 412 },
  ])('400 for the body comes before $name', async ({ path, actor, headers, otherwise }) => {
    await api.send('POST', path, { actor, now: NOW, body: PLACEMENT, headers }).expect(otherwise);
    const response = await api.send('POST', path, { actor, now: NOW, body: BAD, headers }).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'VALIDATION', status: 400, errors: [{ field: 'startDate', message: 'must be a real calendar date YYYY-MM-DD' }] });
  });

  it('a nested member is named by its path', async () => {
    const body = { terms: { fees: [{ code: 'F', name: 'Fee', pricePence: 1.5, unitDays: 7 }], outcomes: [], caps: {} } };
    const response = await api.send('PUT', `/api/contracts/${CONTRACT}/terms`, { actor: COMMISSIONER, now: NOW, body }).expect(400);
    expect(response.body.errors).toEqual([{ field: 'terms.fees[0].pricePence', message: expect.stringContaining('pence') }]);
  });

  it('a publication with a bad body is 400 even from a non-admin (before 403), and an admin gets the same', async () => {
    const body = { code: 'X', name: 'X', category: 'hard', definition: { kind: 'attainment', maxPerChild: 0 } };
    for (const actor of [COMMISSIONER, ADMIN]) {
      const response = await api.send('POST', '/api/outcome-framework/definitions', { actor, body }).expect(400);
      expect(response.body.errors).toEqual([{ field: 'definition.maxPerChild', message: 'must be an integer > 0' }]);
    }
  });

  it('the well-formed body then starts the placement (201)', async () => {
    await api.send('POST', `/api/contracts/${CONTRACT}/placements`, { actor: COMMISSIONER, now: NOW, body: PLACEMENT }).expect(201);
  });
});

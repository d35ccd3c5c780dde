import { FrameworkStream, defaultCatalogue } from '@ledger/outcome-framework-feature';
import type { TestApi } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';

const ADMIN = { sub: 'admin@ledger', role: 'admin', org: 'LEDGER' };
const PROVIDER = { sub: 'p@bf', role: 'provider', org: 'PRV-BRIGHTFUTURES' };
const DEFINITIONS = '/api/outcome-framework/definitions';

interface Entry {
  code: string;
  version: number;
  retired: boolean;
}

describe('the outcomes framework over HTTP', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  async function catalogue(): Promise<Entry[]> {
    return (await api.send('GET', '/api/outcome-framework', { actor: PROVIDER }).expect(200)).body.items;
  }

  it('is seeded on first start with the default catalogue, every code version 1, published by the system', async () => {
    const defaults = defaultCatalogue();
    const items = await catalogue();
    expect(items.map((entry) => entry.code)).toEqual(defaults.map((definition) => definition.code).sort());
    expect(items.every((entry) => entry.version === 1 && !entry.retired)).toBe(true);
    expect(items.find((entry) => entry.code === defaults[0].code)).toEqual({ ...defaults[0], version: 1, retired: false });
    const { events } = await api.app.get(FrameworkStream).catalogue();
    expect(new Set(events.map((event) => event.metadata.actor.sub))).toEqual(new Set(['system']));
  });

  it('seeding again publishes nothing', async () => {
    const stream = api.app.get(FrameworkStream);
    const before = (await stream.catalogue()).events.length;
    expect(await stream.seed(defaultCatalogue(), { actor: { sub: 'system', role: 'system', org: 'SYSTEM' }, correlationId: 'again', recordedAt: new Date().toISOString() })).toBe(0);
    expect((await stream.catalogue()).events.length).toBe(before);
  });

  it('an admin publishes a new code (201, version 1), new content (version 2), the same content again (no new version)', async () => {
    const definition = { code: 'TEST-STABLE', name: 'Stays put', category: 'soft', definition: { kind: 'attainment' } };
    const first = await api.send('POST', DEFINITIONS, { actor: ADMIN, body: definition }).expect(201);
    expect(first.body).toEqual({ code: 'TEST-STABLE', version: 1, globalPosition: expect.any(String) });
    const changed = await api.send('POST', DEFINITIONS, { actor: ADMIN, body: { ...definition, name: 'Stays put for a term' } }).expect(201);
    expect(changed.body.version).toBe(2);
    const same = await api.send('POST', DEFINITIONS, { actor: ADMIN, body: { ...definition, name: 'Stays put for a term' } }).expect(201);
    expect(same.body).toEqual(changed.body);
  });

  it.each([
    { name: 'a provider publishing', actor: PROVIDER, body: { code: 'X-1', name: 'x', category: 'soft', definition: { kind: 'attainment' } }, status: 403, code: 'FORBIDDEN' },
    { name: 'an unknown member', actor: ADMIN, body: { code: 'X-1', name: 'x', category: 'soft', definition: { kind: 'attainment' }, extra: 1 }, status: 400, code: 'VALIDATION' },
    { name: 'a bad category', actor: ADMIN, body: { code: 'X-1', name: 'x', category: 'medium', definition: { kind: 'attainment' } }, status: 400, code: 'VALIDATION' },
  ])('$name is $status $code', async ({ actor, body, status, code }) => {
    const response = await api.send('POST', DEFINITIONS, { actor, body }).expect(status);
    expect(response.body.code).toBe(code);
  });

  it('an admin retires a code (200), retiring again changes nothing, an unknown code is OUTCOME_NOT_FOUND, a draft naming it UNKNOWN_OUTCOME', async () => {
    const retired = await api.send('POST', `${DEFINITIONS}/TEST-STABLE/retirement`, { actor: ADMIN, body: { reason: 'replaced' } }).expect(200);
    expect(retired.body).toEqual({ code: 'TEST-STABLE', version: 2, globalPosition: expect.any(String) });
    const again = await api.send('POST', `${DEFINITIONS}/TEST-STABLE/retirement`, { actor: ADMIN, body: { reason: 'replaced' } }).expect(200);
    expect(again.body).toEqual(retired.body);
    expect((await catalogue()).find((entry) => entry.code === 'TEST-STABLE')).toMatchObject({ version: 2, retired: true });
    const unknown = await api.send('POST', `${DEFINITIONS}/NOPE/retirement`, { actor: ADMIN, body: { reason: 'x' } }).expect(404);
    expect(unknown.body.code).toBe('OUTCOME_NOT_FOUND');
    const forbidden = await api.send('POST', `${DEFINITIONS}/TEST-STABLE/retirement`, { actor: PROVIDER, body: { reason: 'x' } }).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');

    const commissioner = { sub: 'c@la', role: 'commissioner', org: 'LA-TEST' };
    const draft = {
      contractId: 'C-RETIRED',
      commissionerId: 'LA-TEST',
      providerId: 'PRV-TEST',
      title: 'Uses a retired code',
      startDate: '2024-04-01',
      endDate: '2025-03-31',
      terms: { fees: [], outcomes: [{ code: 'TEST-STABLE', name: 'Stays put', category: 'soft', kind: 'attainment', pricePence: 1000 }], caps: {} },
    };
    const refused = await api.send('POST', '/api/contracts', { actor: commissioner, now: '2024-03-01T00:00:00.000Z', body: draft });
    expect(refused.body.code).toBe('UNKNOWN_OUTCOME');
  });
});

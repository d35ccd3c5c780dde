import { importContractEvents } from '@ledger/audit-feature';
import { openEventStore, type SqlEventStore } from '@ledger/event-store';
import { EXAMPLES_DIR, publicationsOf, seedFramework, type TestApi } from '@ledger/testing';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startTestApi } from '../testing/start-test-api';

const EXAMPLE = readFileSync(path.join(EXAMPLES_DIR, '03-caps-and-reversal', 'events.ndjson'), 'utf8');
const LINES = EXAMPLE.trim().split('\n').map((line) => JSON.parse(line) as { revision: number; type: string; data: Record<string, unknown> });
const { contractId, commissionerId, providerId } = LINES[0].data as { contractId: string; commissionerId: string; providerId: string };
const LAST_CLOSE = LINES.filter((line) => line.type === 'PeriodClosed').at(-1) as (typeof LINES)[number];

const AUDITOR = { sub: 'auditor@nao', role: 'auditor', org: 'NAO' };
const url = `/api/audit/contracts/${contractId}/verify`;

describe('GET /api/audit/contracts/{id}/verify', () => {
  let store: SqlEventStore;
  let api: TestApi;
  beforeAll(async () => {
    store = await openEventStore({ kind: 'pglite' });
    await seedFramework(store, publicationsOf(readFileSync(path.join(EXAMPLES_DIR, 'framework.ndjson'), 'utf8')));
    expect(await importContractEvents(store, EXAMPLE)).toMatchObject({ ok: true });
    api = await startTestApi({ store });
  });
  afterAll(async () => {
    await api?.close();
    await store?.close();
  });

  it('answers an auditor the report of ledger verify --contract: chain, rules, and the statements read model once projected', async () => {
    let body: { notes: string[] } = { notes: [] };
    // The projections run in the API process: wait, boundedly, for them to reach the contract's last close.
    for (let attempt = 0; attempt < 100; attempt++) {
      body = (await api.send('GET', url, { actor: AUDITOR }).expect(200)).body;
      if (!body.notes.some((note) => note.includes('past its checkpoint'))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(body.notes).not.toContainEqual(expect.stringContaining('past its checkpoint'));
    expect(body).toMatchObject({ contractId, ok: true, events: LINES.length, checks: { chain: 'passed', rules: 'passed', readModels: { statements: 'passed' } }, discrepancies: [] });
  });

  it.each([
    ['the commissioner', { sub: 'c@la', role: 'commissioner', org: commissionerId }],
    ['the provider', { sub: 'p@prv', role: 'provider', org: providerId }],
  ])('answers %s of the contract', async (_who, actor) => {
    await api.send('GET', url, { actor }).expect(200);
  });

  it.each([
    ['another organisation', { sub: 'c@other', role: 'commissioner', org: 'LA-ELSEWHERE' }, 404, 'CONTRACT_NOT_FOUND'],
    ['an admin', { sub: 'a@ledger', role: 'admin', org: commissionerId }, 404, 'CONTRACT_NOT_FOUND'],
    ['no token', null, 401, 'UNAUTHENTICATED'],
  ])('refuses %s as problem+json', async (_who, actor, status, code) => {
    const response = await api.send('GET', url, { actor }).expect(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe(code);
  });

  it('answers 404 for a contract the store does not hold, to auditors too', async () => {
    const response = await api.send('GET', '/api/audit/contracts/NO-SUCH/verify', { actor: AUDITOR }).expect(404);
    expect(response.body.code).toBe('CONTRACT_NOT_FOUND');
  });

  it('a changed statement row: still 200, the report names the close\'s revision and what was expected', async () => {
    const period = LAST_CLOSE.data['period'] as string;
    await store.database.query(`UPDATE read_models.statements SET doc = jsonb_set(doc, '{closedAt}', '"1"') WHERE scope = $1 AND key = $2`, [contractId, period]);
    const { body } = await api.send('GET', url, { actor: AUDITOR }).expect(200);
    expect(body).toMatchObject({
      ok: false,
      firstBadRevision: LAST_CLOSE.revision,
      checks: { chain: 'passed', rules: 'passed', readModels: { statements: 'failed' } },
      discrepancies: [{ check: 'read-model:statements', revision: LAST_CLOSE.revision, key: period, reason: expect.stringContaining('closedAt'), found: '1' }],
    });
  });
});

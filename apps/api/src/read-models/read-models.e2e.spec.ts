import { computeStatements, type FoldEvent, type Statement } from '@ledger/entitlements-domain';
import { ALL_PROJECTIONS, ReadModels, rebuildProjection } from '@ledger/entitlements-feature';
import type { EventStore, SqlEventStore } from '@ledger/event-store';
import { loadExampleFolders, publishExampleFramework, sendRecordedEvent, type TestApi } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';

const examples = loadExampleFolders();
const AUDITOR = { sub: 'auditor@nao', role: 'auditor', org: 'NAO' };
const NOW = '2025-06-30T12:00:00.000Z';

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('read models after every worked example is replayed through the API (PGlite)', () => {
  let api: TestApi & { store: EventStore };
  const statementsByContract = new Map<string, { commissionerId: string; providerId: string; closed: Statement[] }>();

  beforeAll(async () => {
    api = await startTestApi();
    await publishExampleFramework(api);
    for (const example of examples) {
      const contractId = (example.events[0].data as { contractId: string }).contractId;
      for (const event of example.events) await sendRecordedEvent(api, event, contractId);
      const drafted = example.events[0].data as { commissionerId: string; providerId: string };
      const stored = (await api.store.readStream(`contract-${contractId}`)) as unknown as FoldEvent[];
      statementsByContract.set(contractId, { ...drafted, closed: computeStatements(stored).closed.map((hashed) => hashed.statement) });
    }
    // Bounded: 20 s for the projections to catch up with the replay.
    for (let attempt = 0; attempt < 400; attempt++) {
      const health = await api.send('GET', '/health').expect(200);
      const projections = health.body.projections.projections as { lagEvents: number }[];
      if (projections.length === ALL_PROJECTIONS.length && projections.every((p) => p.lagEvents === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the projections did not catch up within 20 s');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('/health and /metrics report every projection caught up, with its checkpoint', async () => {
    const health = await api.send('GET', '/health').expect(200);
    expect(health.body.projections.role).toBe('leader');
    for (const projection of health.body.projections.projections) expect(projection).toMatchObject({ state: 'running', lagEvents: 0 });
    const metrics = await api.send('GET', '/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    for (const projection of ALL_PROJECTIONS) {
      expect(metrics.text).toContain(`ledger_projection_lag_events{projection="${projection.name}"} 0`);
      expect(metrics.text).toContain(`ledger_projection_failed{projection="${projection.name}"} 0`);
    }
  });

  it('every stored closed statement is the fold of the stream the API recorded', async () => {
    const reader = new ReadModels(api.store as SqlEventStore);
    for (const [contractId, fold] of statementsByContract) {
      const read = await reader.closedStatements(contractId);
      expect(read.source).toBe('read-model');
      expect(read.items.map((item) => item.statement)).toEqual(fold.closed);
      const response = await api.send('GET', `/api/contracts/${contractId}/statements`, { actor: AUDITOR }).expect(200);
      expect(response.body.items).toEqual(fold.closed);
      const lastClose = (await api.store.readStream(`contract-${contractId}`)).filter((event) => event.type === 'PeriodClosed').at(-1);
      if (lastClose === undefined) continue;
      // As of the position just before the last close, the read model leaves that close out, as the fold does.
      const before = (BigInt(lastClose.globalPosition) - 1n).toString();
      const asOf = await api.send('GET', `/api/contracts/${contractId}/statements?asOf=${before}`, { actor: AUDITOR }).expect(200);
      expect(asOf.body.items).toEqual(fold.closed.slice(0, -1));
    }
  });

  it('GET /api/providers/{id}/earnings: totals and periods are sums of the closed statements', async () => {
    for (const providerId of new Set([...statementsByContract.values()].map((fold) => fold.providerId))) {
      const response = await api.send('GET', `/api/providers/${providerId}/earnings`, { actor: { sub: 'p', role: 'provider', org: providerId }, now: NOW }).expect(200);
      const statements = [...statementsByContract.values()].filter((fold) => fold.providerId === providerId).flatMap((fold) => fold.closed);
      expect(response.body.totals).toEqual({
        earnedPence: sum(statements.map((s) => s.totals.earnedPence)),
        paidPence: sum(statements.map((s) => s.totals.paidPence)),
        balancePence: sum(statements.map((s) => s.totals.earnedPence - s.totals.paidPence)),
      });
      for (const period of response.body.periods as { period: string; earnedPence: number }[]) {
        expect(period.earnedPence).toBe(sum(statements.filter((s) => s.period === period.period).map((s) => s.totals.earnedPence)));
      }
    }
  });

  it('GET /api/partnerships/{c}/{p}/history: money from the closed statements, a timeline of every event', async () => {
    const response = await api.send('GET', '/api/partnerships/LA-SOUTHWARK/PRV-BRIGHTFUTURES/history?limit=1000', { actor: { sub: 'c', role: 'commissioner', org: 'LA-SOUTHWARK' }, now: NOW }).expect(200);
    const folds = [...statementsByContract.values()].filter((fold) => fold.commissionerId === 'LA-SOUTHWARK' && fold.providerId === 'PRV-BRIGHTFUTURES');
    const statements = folds.flatMap((fold) => fold.closed);
    expect(response.body.figures).toMatchObject({
      contracts: folds.length,
      earnedPence: sum(statements.map((s) => s.totals.earnedPence)),
      paidPence: sum(statements.map((s) => s.totals.paidPence)),
    });
    const examplesOfPartnership = examples.filter((example) => {
      const drafted = example.events[0].data as { commissionerId: string; providerId: string };
      return drafted.commissionerId === 'LA-SOUTHWARK' && drafted.providerId === 'PRV-BRIGHTFUTURES';
    });
    expect(response.body.timeline.items.length).toBe(sum(examplesOfPartnership.map((example) => example.events.length)));
    const page = await api.send('GET', '/api/partnerships/LA-SOUTHWARK/PRV-BRIGHTFUTURES/history?limit=5', { actor: AUDITOR, now: NOW }).expect(200);
    expect(page.body.timeline.items).toEqual(response.body.timeline.items.slice(0, 5));
    const next = await api.send('GET', `/api/partnerships/LA-SOUTHWARK/PRV-BRIGHTFUTURES/history?limit=5&from=${page.body.timeline.next}`, { actor: AUDITOR, now: NOW }).expect(200);
    expect(next.body.timeline.items).toEqual(response.body.timeline.items.slice(5, 10));
  });

  it.each([
    { name: 'no token', path: '/api/benchmarks/outcomes', actor: undefined, status: 401, code: 'UNAUTHENTICATED' },
    { name: "another provider's earnings", path: '/api/providers/PRV-BRIGHTFUTURES/earnings', actor: { sub: 'p', role: 'provider', org: 'PRV-NEWLEAF' }, status: 403, code: 'FORBIDDEN' },
    { name: 'an admin reading earnings', path: '/api/providers/PRV-BRIGHTFUTURES/earnings', actor: { sub: 'a', role: 'admin', org: 'DFE' }, status: 403, code: 'FORBIDDEN' },
    { name: 'a commissioner outside the partnership', path: '/api/partnerships/LA-SOUTHWARK/PRV-BRIGHTFUTURES/history', actor: { sub: 'c', role: 'commissioner', org: 'LA-BROMLEY' }, status: 403, code: 'FORBIDDEN' },
    { name: 'a bad limit', path: '/api/partnerships/LA-SOUTHWARK/PRV-BRIGHTFUTURES/history?limit=0', actor: AUDITOR, status: 400, code: 'VALIDATION' },
  ])('section 8: $name is $status $code', async ({ path, actor, status, code }) => {
    const response = await api.send('GET', path, actor ? { actor } : {}).expect(status);
    expect(response.body.code).toBe(code);
  });

  it('GET /api/benchmarks/outcomes answers every signed-in user, admins included', async () => {
    const response = await api.send('GET', '/api/benchmarks/outcomes', { actor: { sub: 'a', role: 'admin', org: 'DFE' } }).expect(200);
    expect(response.body.items.length).toBeGreaterThan(5);
    for (const item of response.body.items) expect(item.childrenAchieving).toBeLessThanOrEqual(item.childrenPlaced);
  });

  it('a rebuild of each projection, while the worker runs, reproduces its live table with an empty diff', async () => {
    for (const projection of ALL_PROJECTIONS) {
      const report = await rebuildProjection(api.store as SqlEventStore, projection);
      expect(report).toMatchObject({ projection: projection.name, identical: true, differences: [] });
    }
  });
});

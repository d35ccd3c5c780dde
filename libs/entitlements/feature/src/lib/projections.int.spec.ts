import { computeStatements, type HashedStatement } from '@ledger/entitlements-domain';
import { openEventStore, type ReadAllOptions, type SqlEventStore } from '@ledger/event-store';
import { canonicalJson, type Actor } from '@ledger/kernel';
import { appendExamples, loadExamples, storedStream, type Example } from '../testing/example-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ProjectionWorker } from './projection-worker';
import { ALL_PROJECTIONS, projectionNamed } from './projections';
import { PROVIDER_EARNINGS } from './provider-earnings.projection';
import { createDocumentTable, ensureReadModelTables, liveTable } from './read-model-tables';
import { ReadModels, type ProviderEarnings } from './read-models';
import { rebuildProjection, rebuildProjections } from './rebuild';
import { RELATIONSHIP_HISTORY } from './relationship-history.projection';
import { STATEMENTS } from './statements.projection';

const TODAY = '2025-06-30';
const AUDITOR: Actor = { sub: 'a@nao.gov.uk', role: 'auditor', org: 'NAO' };
const examples = loadExamples();

interface Fold {
  example: Example;
  commissionerId: string;
  providerId: string;
  closed: HashedStatement[];
}

async function foldOfEveryExample(store: SqlEventStore): Promise<Fold[]> {
  return Promise.all(
    examples.map(async (example) => {
      const drafted = example.events[0].data as { commissionerId: string; providerId: string };
      return { example, ...drafted, closed: computeStatements(await storedStream(store, example.streamId)).closed };
    }),
  );
}

async function catchUpAll(store: SqlEventStore, batchSize = 25): Promise<void> {
  await ensureReadModelTables(store.database, ALL_PROJECTIONS.map((projection) => projection.name));
  for (const projection of ALL_PROJECTIONS) await new ProjectionRunner(store, projection, { table: liveTable(projection.name), batchSize }).catchUp();
}

async function rowsOf(store: SqlEventStore, name: string, table = liveTable(name)): Promise<string> {
  const { rows } = await store.database.query<{ scope: string; key: string; doc: unknown }>(`SELECT scope, key, doc FROM ${table} ORDER BY scope, key`);
  return canonicalJson(rows);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('projections over the worked examples (PGlite)', () => {
  let store: SqlEventStore;
  let folds: Fold[];

  beforeAll(async () => {
    store = await openEventStore({ kind: 'pglite' });
    await appendExamples(store, examples);
    await catchUpAll(store);
    folds = await foldOfEveryExample(store);
  });

  afterAll(async () => {
    await store?.close();
  });

  it('loads every example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
    expect(sum(folds.map((fold) => fold.closed.length))).toBeGreaterThan(20);
  });

  it('stores every closed statement exactly as the fold states it, and the routes read them from the read model', async () => {
    const reader = new ReadModels(store);
    for (const fold of folds) {
      const contractId = fold.example.streamId.slice('contract-'.length);
      const read = await reader.closedStatements(contractId);
      expect(read.source).toBe('read-model');
      expect(canonicalJson(read.items)).toBe(canonicalJson(fold.closed));
    }
  });

  it('answers from the fold when the read model has not caught up with the position asked for', async () => {
    const reader = new ReadModels(store);
    const fold = folds[0];
    const contractId = fold.example.streamId.slice('contract-'.length);
    const last = (await store.readAll({ maxCount: 100_000 })).at(-1)?.globalPosition ?? '0';
    const ahead = (BigInt(last) + 1_000_000n).toString();
    const read = await reader.closedStatements(contractId, { position: ahead });
    expect(read.source).toBe('fold');
    expect(canonicalJson(read.items)).toBe(canonicalJson(fold.closed));
  });

  it('earnings per provider equal the sums of the closed statements they come from', async () => {
    const reader = new ReadModels(store);
    const providers = [...new Set(folds.map((fold) => fold.providerId))];
    expect(providers.length).toBe(3);
    for (const providerId of providers) {
      const earnings = (await reader.providerEarnings(AUDITOR, providerId, TODAY)) as ProviderEarnings;
      const statements = folds.filter((fold) => fold.providerId === providerId).flatMap((fold) => fold.closed.map((closed) => closed.statement));
      expect(earnings.totals.earnedPence).toBe(sum(statements.map((s) => s.totals.earnedPence)));
      expect(earnings.totals.paidPence).toBe(sum(statements.map((s) => s.totals.paidPence)));
      for (const period of earnings.periods) {
        const ofPeriod = statements.filter((s) => s.period === period.period);
        expect(period.earnedPence).toBe(sum(ofPeriod.map((s) => s.totals.earnedPence)));
        expect(period.paidPence).toBe(sum(ofPeriod.map((s) => s.totals.paidPence)));
        const upTo = statements.filter((s) => s.period <= period.period);
        expect(period.balancePence).toBe(sum(upTo.map((s) => s.totals.earnedPence)) - sum(upTo.map((s) => s.totals.paidPence)));
      }
      expect(sum(earnings.periods.map((p) => p.statements.length))).toBe(statements.length);
    }
  });

  it('partnership figures: money equals the closed statements, counts follow the events', async () => {
    const reader = new ReadModels(store);
    const partnerships = new Map<string, Fold[]>();
    for (const fold of folds) partnerships.set(`${fold.commissionerId}/${fold.providerId}`, [...(partnerships.get(`${fold.commissionerId}/${fold.providerId}`) ?? []), fold]);
    expect(partnerships.get('LA-SOUTHWARK/PRV-BRIGHTFUTURES')?.length).toBe(2);
    for (const [id, ofPartnership] of partnerships) {
      const [commissionerId, providerId] = id.split('/');
      const history = await reader.partnershipHistory(AUDITOR, commissionerId, providerId, { today: TODAY, limit: 1_000 });
      if ('kind' in history) throw new Error(history.message);
      const statements = ofPartnership.flatMap((fold) => fold.closed.map((closed) => closed.statement));
      const events = ofPartnership.flatMap((fold) => fold.example.events);
      expect(history.figures.earnedPence).toBe(sum(statements.map((s) => s.totals.earnedPence)));
      expect(history.figures.paidPence).toBe(sum(statements.map((s) => s.totals.paidPence)));
      expect(history.figures.balancePence).toBe(history.figures.earnedPence - history.figures.paidPence);
      expect(history.figures.contracts).toBe(ofPartnership.length);
      const lines = statements.flatMap((s) => s.lines);
      expect(history.figures.durationUnitsAwarded).toBe(lines.filter((l) => l.type === 'duration').length - lines.filter((l) => l.type === 'duration-clawback').length);
      const count = (type: string) => events.filter((e) => e.type === type).length;
      expect(history.figures.decidedClaims).toBe(count('OutcomeVerified') + count('OutcomeRejected'));
      expect(history.figures.rejectedClaims).toBe(count('OutcomeRejected'));
      expect(history.figures.outcomesVerified.hard + history.figures.outcomesVerified.soft).toBe(count('OutcomeVerified') - count('OutcomeReversed'));
      expect(history.figures.placements).toBe(new Set(events.filter((e) => e.type === 'PlacementStarted').map((e) => `${e.streamId}/${(e.data as { placementId: string }).placementId}`)).size);
      expect(history.timeline.items.map((item) => item.type)).toEqual(
        (await store.readAll({ maxCount: 100_000 })).filter((e) => ofPartnership.some((fold) => fold.example.streamId === e.streamId)).map((e) => e.type),
      );
    }
  });

  it('the care leaver partnership: rejection rate and median days from claim to decision by section 6 arithmetic', async () => {
    const example = examples.find((e) => e.name.startsWith('02'));
    if (!example) throw new Error('example 02 is missing');
    const claimedOn = new Map<string, string>();
    const days: number[] = [];
    let rejected = 0;
    for (const event of example.events) {
      const data = event.data as { claimId?: string; claimedOn?: string; verifiedOn?: string; rejectedOn?: string };
      if (event.type === 'OutcomeClaimed') claimedOn.set(data.claimId ?? '', data.claimedOn ?? '');
      if (event.type === 'OutcomeVerified' || event.type === 'OutcomeRejected') {
        const decided = data.verifiedOn ?? data.rejectedOn ?? '';
        days.push((Date.parse(decided) - Date.parse(claimedOn.get(data.claimId ?? '') ?? '')) / 86_400_000);
        if (event.type === 'OutcomeRejected') rejected++;
      }
    }
    const history = await new ReadModels(store).partnershipHistory(AUDITOR, 'LA-BROMLEY', 'PRV-NEWLEAF', { today: TODAY });
    if ('kind' in history) throw new Error(history.message);
    expect(rejected).toBeGreaterThan(0);
    expect(history.figures.rejectionRateBasisPoints).toBe(Math.floor((10_000 * rejected * 2 + days.length) / (2 * days.length)));
    const sorted = [...days].sort((a, b) => a - b);
    expect(history.figures.medianDaysClaimToDecision).toBe(sorted[Math.floor((sorted.length - 1) / 2)]);
  });

  it('outcome benchmarks: achievement never exceeds placement, cost is the provider earnings over outcomes achieved', async () => {
    const benchmarks = await new ReadModels(store).outcomeBenchmarks();
    expect(benchmarks.items.length).toBeGreaterThan(5);
    const earnedByProvider = new Map<string, number>();
    for (const fold of folds) earnedByProvider.set(fold.providerId, (earnedByProvider.get(fold.providerId) ?? 0) + sum(fold.closed.map((c) => c.statement.totals.earnedPence)));
    for (const item of benchmarks.items) {
      expect(item.childrenAchieving).toBeLessThanOrEqual(item.childrenPlaced);
      if (item.outcomesAchieved > 0) {
        const earned = earnedByProvider.get(item.providerId) ?? 0;
        expect(item.costPerOutcomePence).toBe(Math.floor((2 * earned + item.outcomesAchieved) / (2 * item.outcomesAchieved)));
      } else {
        expect(item.costPerOutcomePence).toBeUndefined();
      }
    }
    expect(benchmarks.items.some((item) => item.childrenAchieving > 0 && item.rateBasisPoints !== undefined)).toBe(true);
  });

  it.each(ALL_PROJECTIONS.map((projection) => [projection.name]))('a rebuild of %s reproduces the live table with an empty diff', async (name) => {
    const before = await rowsOf(store, name);
    const progress: number[] = [];
    const report = await rebuildProjection(store, projectionNamed(name) as Projection, { batchSize: 40, onProgress: (events) => progress.push(events) });
    expect(report).toMatchObject({ identical: true, onlyLive: 0, onlyRebuilt: 0, changed: 0, differences: [] });
    expect(report.rebuiltPosition).toBe(report.livePosition);
    expect(report.liveRows).toBe(report.rebuiltRows);
    expect(progress.length).toBeGreaterThan(1);
    expect(await rowsOf(store, name)).toBe(before);
  });

  it('a rebuild of every projection in one pass (one read, one fold of each contract) reproduces every live table', async () => {
    const before = await Promise.all(ALL_PROJECTIONS.map((projection) => rowsOf(store, projection.name)));
    const progress: number[] = [];
    const reports = await rebuildProjections(store, ALL_PROJECTIONS, { batchSize: 30, onProgress: (events) => progress.push(events) });
    expect(reports.map((report) => report.projection)).toEqual(ALL_PROJECTIONS.map((projection) => projection.name));
    for (const report of reports) {
      expect(report).toMatchObject({ identical: true, differences: [] });
      expect(report.rebuiltRows).toBeGreaterThan(0);
    }
    const total = (await store.readAll({ maxCount: 100_000 })).length;
    expect(progress.at(-1)).toBe(total);
    expect(await Promise.all(ALL_PROJECTIONS.map((projection) => rowsOf(store, projection.name)))).toEqual(before);
  });

  it('a rebuild reports the live rows it replaced that differ: changed, only live and only rebuilt, the first ones by scope and key', async () => {
    const table = liveTable(PROVIDER_EARNINGS);
    const before = await rowsOf(store, PROVIDER_EARNINGS);
    const { rows } = await store.database.query<{ scope: string; key: string }>(`SELECT scope, key FROM ${table} ORDER BY scope, key LIMIT 2`);
    await store.database.query(`UPDATE ${table} SET doc = doc || '{"earnedPence": -1}' WHERE scope = $1 AND key = $2`, [rows[0].scope, rows[0].key]);
    await store.database.query(`DELETE FROM ${table} WHERE scope = $1 AND key = $2`, [rows[1].scope, rows[1].key]);
    await store.database.query(`INSERT INTO ${table} (scope, key, doc) VALUES ('ZZ-NOBODY', 'period/2024-01/x', '{}')`);
    const [report] = await rebuildProjections(store, [projectionNamed(PROVIDER_EARNINGS) as Projection], { shownDifferences: 2 });
    expect(report).toMatchObject({ identical: false, changed: 1, onlyLive: 1, onlyRebuilt: 1 });
    expect(report.liveRows).toBe(report.rebuiltRows);
    expect(report.differences).toEqual([
      { scope: rows[0].scope, key: rows[0].key, kind: 'changed' },
      { scope: rows[1].scope, key: rows[1].key, kind: 'only-rebuilt' },
    ]);
    expect(await rowsOf(store, PROVIDER_EARNINGS)).toBe(before);
  });

  it('one runner of projections whose checkpoints differ folds from the earliest and gives each only the events after its own', async () => {
    const both = [projectionNamed(RELATIONSHIP_HISTORY), projectionNamed(PROVIDER_EARNINGS)] as Projection[];
    const tables = (name: string) => `${liveTable(name)}_staggered`;
    for (const projection of both) await store.database.transaction((client) => createDocumentTable(client, tables(projection.name)), { role: 'owner' });
    const all = await store.readAll({ maxCount: 100_000 });
    const through = (events: number): SqlEventStore => {
      const last = BigInt(all[events - 1].globalPosition);
      return Object.assign(Object.create(store) as SqlEventStore, {
        readAll: async (options?: ReadAllOptions) => (await store.readAll(options)).filter((event) => BigInt(event.globalPosition) <= last),
      });
    };
    // Relationship history (which adds up money, so an event applied twice shows) alone goes two thirds of the way,
    // provider earnings a third: the shared folds start a third of the way in, each contract folded from its stream.
    await new ProjectionRunner(through(Math.floor((2 * all.length) / 3)), both[0], { table: tables(both[0].name), batchSize: 7 }).catchUp();
    await new ProjectionRunner(through(Math.floor(all.length / 3)), both[1], { table: tables(both[1].name), batchSize: 7 }).catchUp();
    await new ProjectionRunner(store, both, { table: tables, batchSize: 11 }).catchUp();
    for (const projection of both) expect(await rowsOf(store, projection.name, tables(projection.name))).toBe(await rowsOf(store, projection.name));
  });

  it('access: earnings for that provider and auditors; history for its two parties and auditors', async () => {
    const reader = new ReadModels(store);
    const as = (role: string, org: string): Actor => ({ sub: 'x', role, org });
    expect(await reader.providerEarnings(as('provider', 'PRV-BRIGHTFUTURES'), 'PRV-BRIGHTFUTURES', TODAY)).toHaveProperty('providerId');
    for (const actor of [as('provider', 'PRV-NEWLEAF'), as('commissioner', 'LA-SOUTHWARK'), as('admin', 'DFE')]) {
      expect(await reader.providerEarnings(actor, 'PRV-BRIGHTFUTURES', TODAY)).toMatchObject({ kind: 'rejection', code: 'FORBIDDEN' });
    }
    for (const actor of [as('commissioner', 'LA-SOUTHWARK'), as('provider', 'PRV-BRIGHTFUTURES'), AUDITOR]) {
      expect(await reader.partnershipHistory(actor, 'LA-SOUTHWARK', 'PRV-BRIGHTFUTURES', { today: TODAY })).toHaveProperty('figures');
    }
    for (const actor of [as('commissioner', 'LA-BROMLEY'), as('provider', 'PRV-NEWLEAF'), as('admin', 'DFE'), as('provider', 'LA-SOUTHWARK')]) {
      expect(await reader.partnershipHistory(actor, 'LA-SOUTHWARK', 'PRV-BRIGHTFUTURES', { today: TODAY })).toMatchObject({ kind: 'rejection', code: 'FORBIDDEN' });
    }
  });
});

describe('a failure between effect and checkpoint (PGlite)', () => {
  let store: SqlEventStore;

  beforeAll(async () => {
    store = await openEventStore({ kind: 'pglite' });
    await appendExamples(store, examples);
    await catchUpAll(store, 10);
  });

  afterAll(async () => {
    await store?.close();
  });

  it.each([1, 3, 7])('rolls back the batch: after restarting, no money is lost or counted twice (crash at batch %i)', async (crashAt) => {
    for (const projection of ALL_PROJECTIONS) {
      const table = `${liveTable(projection.name)}_crash${crashAt}`;
      await store.database.transaction((client) => createDocumentTable(client, table), { role: 'owner' });
      let batches = 0;
      const first = new ProjectionRunner(store, projection, {
        table,
        batchSize: 10,
        beforeCheckpoint: () => {
          if (++batches === crashAt) throw new Error('crash between effect and checkpoint');
        },
      });
      await expect(first.catchUp()).rejects.toThrow('crash between effect and checkpoint');
      // A new process: nothing of the first runner's memory survives.
      await new ProjectionRunner(store, projection, { table, batchSize: 10 }).catchUp();
      expect(await rowsOf(store, projection.name, table)).toBe(await rowsOf(store, projection.name));
    }
  });

  it('keeping only two contract folds in memory, evicted contracts are folded again from their streams and the rows agree', async () => {
    for (const projection of ALL_PROJECTIONS) {
      const table = `${liveTable(projection.name)}_evicting`;
      await store.database.transaction((client) => createDocumentTable(client, table), { role: 'owner' });
      await new ProjectionRunner(store, projection, { table, batchSize: 4, maxContracts: 2 }).catchUp();
      expect(await rowsOf(store, projection.name, table)).toBe(await rowsOf(store, projection.name));
    }
  });

  it('the same runner retries the failed batch itself and then agrees with a clean run', async () => {
    const table = `${liveTable(PROVIDER_EARNINGS)}_retry`;
    await store.database.transaction((client) => createDocumentTable(client, table), { role: 'owner' });
    let calls = 0;
    const runner = new ProjectionRunner(store, projectionNamed(PROVIDER_EARNINGS) as Projection, {
      table,
      batchSize: 15,
      beforeCheckpoint: () => {
        if (++calls === 2) throw new Error('crash');
      },
    });
    await expect(runner.catchUp()).rejects.toThrow('crash');
    await runner.catchUp();
    expect(await rowsOf(store, PROVIDER_EARNINGS, table)).toBe(await rowsOf(store, PROVIDER_EARNINGS));
    const earnings = (await new ReadModels(store).providerEarnings(AUDITOR, 'PRV-BRIGHTFUTURES', TODAY)) as ProviderEarnings;
    const folds = await foldOfEveryExample(store);
    const statements = folds.filter((f) => f.providerId === 'PRV-BRIGHTFUTURES').flatMap((f) => f.closed.map((c) => c.statement));
    expect(earnings.totals.earnedPence).toBe(sum(statements.map((s) => s.totals.earnedPence)));
  });
});

/** The statements projection under another name, failing at every payment while `broken` says so. */
function failingOnPayments(broken: () => boolean): Projection {
  const statements = projectionNamed(STATEMENTS) as Projection;
  return {
    name: 'fragile_statements',
    apply: async (folded, context) => {
      if (broken() && folded.event.type === 'PaymentRecorded') throw new Error('cannot file a payment');
      await statements.apply(folded, context);
    },
  };
}

describe('a projection that fails on an event (PGlite)', () => {
  it('stops at the event, reports it with the error and the lag, never skips it, and resumes after a fix', async () => {
    const store = await openEventStore({ kind: 'pglite' });
    const log: string[] = [];
    let broken = true;
    const fragile = failingOnPayments(() => broken);
    const worker = new ProjectionWorker(store, { projections: [fragile], retryMs: 20, batchSize: 5, log: (line) => log.push(line) });
    try {
      await appendExamples(store, examples);
      await worker.start();
      const failed = await waitFor(async () => {
        const health = await worker.health();
        return health.projections[0].state === 'failed' ? health : undefined;
      });
      const firstPayment = (await store.readAll({ maxCount: 100_000 })).find((event) => event.type === 'PaymentRecorded');
      expect(failed.projections[0].failure).toMatchObject({
        globalPosition: firstPayment?.globalPosition,
        streamId: firstPayment?.streamId,
        type: 'PaymentRecorded',
        error: 'cannot file a payment',
      });
      expect(BigInt(failed.projections[0].position)).toBeLessThan(BigInt(firstPayment?.globalPosition ?? '0'));
      expect(failed.projections[0].lagEvents).toBeGreaterThan(0);
      expect(log.some((line) => line.includes(`${firstPayment?.streamId} revision ${firstPayment?.revision}`) && line.includes('cannot file a payment'))).toBe(true);

      broken = false;
      const healed = await waitFor(async () => {
        const health = await worker.health();
        return health.projections[0].lagEvents === 0 ? health : undefined;
      });
      expect(healed.projections[0].state).toBe('running');
      expect(healed.projections[0].failure).toBeUndefined();
      const { rows } = await store.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${liveTable('fragile_statements')}`);
      const folds = await foldOfEveryExample(store);
      expect(Number(rows[0].n)).toBe(sum(folds.map((f) => f.closed.length)));
    } finally {
      await worker.stop();
      await store.close();
    }
  });
});

describe('a close whose recorded statementHash the fold does not reproduce (PGlite)', () => {
  it('stops the statements projection at that close with both hashes, and files nothing of the batch', async () => {
    const store = await openEventStore({ kind: 'pglite' });
    try {
      const example = examples[0];
      await appendExamples(store, [example]);
      const closes = example.events.filter((event) => event.type === 'PeriodClosed');
      const last = closes[closes.length - 1] as { data: { period: string; closedOn: string; totals: unknown }; metadata: { actor: Actor } };
      const [year, month] = last.data.period.split('-').map(Number);
      const period = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
      const revision = example.events.length;
      await store.appendToStream(
        example.streamId,
        [
          {
            id: '6f1c6a52-3c1e-5d4b-8f0a-5b7d2e6c1a91',
            type: 'PeriodClosed',
            data: { period, closedOn: '2030-01-01', totals: last.data.totals, statementHash: 'f'.repeat(64) },
            metadata: { actor: last.metadata.actor, commandId: 'tampered', correlationId: 'tampered', recordedAt: '2030-01-01T09:00:00.000Z', schemaVersion: 1 },
          },
        ],
        { expectedRevision: revision - 1 },
      );
      await ensureReadModelTables(store.database, [STATEMENTS]);
      const runner = new ProjectionRunner(store, projectionNamed(STATEMENTS) as Projection, { table: liveTable(STATEMENTS) });
      const failure = await runner.catchUp().then(
        () => undefined,
        (error: Error & { event?: { revision: number } }) => error,
      );
      expect(failure?.message).toContain(`the close recorded ${'f'.repeat(64)}`);
      expect(failure?.event?.revision).toBe(revision);
      const { rows } = await store.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${liveTable(STATEMENTS)}`);
      expect(Number(rows[0].n)).toBe(0);
    } finally {
      await store.close();
    }
  });
});

describe('one projection of the worker fails (PGlite)', () => {
  it('moves to a runner of its own and retries there while the others catch up; after a fix it catches up too', async () => {
    const store = await openEventStore({ kind: 'pglite' });
    const log: string[] = [];
    let broken = true;
    const fragile = failingOnPayments(() => broken);
    const worker = new ProjectionWorker(store, { projections: [fragile, ...ALL_PROJECTIONS], retryMs: 20, batchSize: 5, log: (line) => log.push(line) });
    try {
      await appendExamples(store, examples);
      await worker.start();
      const split = await waitFor(async () => {
        const health = await worker.health();
        return health.projections[0].state === 'failed' && health.projections.slice(1).every((p) => p.lagEvents === 0) ? health : undefined;
      });
      expect(split.projections.map((p) => p.name)).toEqual(['fragile_statements', ...ALL_PROJECTIONS.map((p) => p.name)]);
      expect(split.projections[0].failure).toMatchObject({ type: 'PaymentRecorded', error: 'cannot file a payment' });
      expect(split.projections[0].lagEvents).toBeGreaterThan(0);
      expect(split.projections.slice(1).map((p) => p.state)).toEqual(ALL_PROJECTIONS.map(() => 'running'));
      expect(log.some((line) => line.includes('fragile_statements: runs on its own'))).toBe(true);

      broken = false;
      await waitFor(async () => ((await worker.health()).projections.every((p) => p.lagEvents === 0 && p.state === 'running') ? true : undefined));
      expect(await rowsOf(store, STATEMENTS, liveTable('fragile_statements'))).toBe(await rowsOf(store, STATEMENTS));
    } finally {
      await worker.stop();
      await store.close();
    }
  });
});

/** Polls every 20 ms, for at most 10 s. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within 10 s');
}

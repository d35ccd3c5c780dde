import type { Caller } from '@ledger/auth';
import type { Statement } from '@ledger/entitlements-domain';
import { ensureReadModelTables, ReadModels, rebuildProjection, STATEMENTS, statementsProjection } from '@ledger/entitlements-feature';
import { openEventStore, type EventStore, type ReadStreamOptions, type SqlEventStore } from '@ledger/event-store';
import { canonicalJson, eventIdFor, sha256Hex, type Actor } from '@ledger/kernel';
import { loadExampleFolders, type ExampleFolder } from '@ledger/testing';
import { ContractReader } from './contract-reader';

const examples = loadExampleFolders();
const NOW = { recordedAt: '2026-01-15T12:00:00.000Z', today: '2026-01-15' };
const AUDITOR: Actor = { sub: 'auditor@nao', role: 'auditor', org: 'NAO' };

function callerOf(actor: Actor): Caller {
  return { actor, now: NOW, correlationId: 'statement-read-spec' };
}

function contractOf(example: ExampleFolder): { contractId: string; commissionerId: string; providerId: string } {
  return example.events[0].data as { contractId: string; commissionerId: string; providerId: string };
}

function closedOf(example: ExampleFolder) {
  return example.expected.statements.filter((expected) => expected.statement.status === 'closed');
}

/** The real store, remembering how each stream was read: the read model's path reads one event, the fold's all. */
function countingReads(store: EventStore): { store: EventStore; reads: (ReadStreamOptions | undefined)[] } {
  const reads: (ReadStreamOptions | undefined)[] = [];
  const counting = Object.create(store) as EventStore;
  counting.readStream = (streamId, options) => {
    reads.push(options);
    return store.readStream(streamId, options);
  };
  return { store: counting, reads };
}

async function answers(reader: ContractReader, actor: Actor): Promise<string[]> {
  const texts: string[] = [];
  for (const example of examples) {
    const { contractId } = contractOf(example);
    for (const expected of closedOf(example)) {
      const statement = await reader.statement(callerOf(actor), contractId, expected.statement.period, { through: NOW.today });
      texts.push(JSON.stringify(statement));
    }
  }
  return texts;
}

describe('a closed month read from the statements read model (PGlite, every worked example)', () => {
  let store: SqlEventStore;

  beforeAll(async () => {
    store = await openEventStore({ kind: 'pglite' });
    for (const example of examples) {
      const { contractId } = contractOf(example);
      for (const event of example.events) {
        const { prevHash: _prevHash, hash: _hash, ...metadata } = event.metadata;
        await store.appendToStream(`contract-${contractId}`, [{ id: eventIdFor(`${example.name}-${event.revision}`, 0), type: event.type, data: event.data, metadata }], {
          expectedRevision: event.revision === 0 ? 'no_stream' : event.revision - 1,
        });
      }
    }
    await ensureReadModelTables(store.database, [STATEMENTS]);
  });

  afterAll(() => store?.close());

  it('answers the same bytes as the fold, with the spec hash, before and after the month is projected, reading one event once projected', async () => {
    expect(examples.reduce((count, example) => count + closedOf(example).length, 0)).toBeGreaterThan(20);
    const byFold = await answers(new ContractReader(store), AUDITOR);
    const expected = examples.flatMap((example) => closedOf(example).map((closed) => JSON.stringify(closed.statement)));
    expect(byFold).toEqual(expected);

    // Not projected yet: the read model has no row and the fold answers.
    const before = countingReads(store);
    expect(await answers(new ContractReader(before.store, new ReadModels(store)), AUDITOR)).toEqual(byFold);
    expect(before.reads.filter((options) => options?.maxCount === undefined)).toHaveLength(byFold.length);

    await rebuildProjection(store, statementsProjection);
    const after = countingReads(store);
    const byReadModel = await answers(new ContractReader(after.store, new ReadModels(store)), AUDITOR);
    expect(byReadModel).toEqual(byFold);
    expect(after.reads).toEqual(byFold.map(() => ({ maxCount: 1 })));
    const hashes = byReadModel.map((text) => {
      const { asOf: _asOf, ...rest } = JSON.parse(text) as Statement;
      return sha256Hex(canonicalJson(rest));
    });
    expect(hashes).toEqual(examples.flatMap((example) => closedOf(example).map((closed) => closed.statementHash)));
  });

  it('authorises as the fold does (section 8): parties and auditors read it, anyone else gets the contract 404', async () => {
    await rebuildProjection(store, statementsProjection);
    const readers = [new ContractReader(store), new ContractReader(store, new ReadModels(store))];
    const example = examples[0];
    const { contractId, commissionerId, providerId } = contractOf(example);
    const period = closedOf(example)[0].statement.period;
    const outcome = (reader: ContractReader, actor: Actor, id = contractId) =>
      reader.statement(callerOf(actor), id, period, { through: NOW.today }).then(
        (statement) => JSON.stringify(statement),
        (error: { code?: string }) => error.code,
      );
    const cases: [Actor, string | undefined][] = [
      [{ sub: 'p@provider', role: 'provider', org: providerId }, JSON.stringify(closedOf(example)[0].statement)],
      [{ sub: 'c@council', role: 'commissioner', org: commissionerId }, JSON.stringify(closedOf(example)[0].statement)],
      [{ sub: 'x@other', role: 'provider', org: 'PRV-SOMEONE-ELSE' }, 'CONTRACT_NOT_FOUND'],
      [{ sub: 'y@other', role: 'commissioner', org: 'LA-SOMEWHERE-ELSE' }, 'CONTRACT_NOT_FOUND'],
      [{ sub: 'admin@ledger', role: 'admin', org: commissionerId }, 'CONTRACT_NOT_FOUND'],
    ];
    for (const [actor, expected] of cases) {
      for (const reader of readers) expect({ actor, answer: await outcome(reader, actor) }).toEqual({ actor, answer: expected });
    }
    for (const reader of readers) expect(await outcome(reader, AUDITOR, 'NO-SUCH-CONTRACT')).toBe('CONTRACT_NOT_FOUND');
  });

  it('an as-of read keeps to the fold: a month closed after the moment asked for is not closed then', async () => {
    await rebuildProjection(store, statementsProjection);
    const counting = countingReads(store);
    const reader = new ContractReader(counting.store, new ReadModels(store));
    const example = examples[0];
    const { contractId } = contractOf(example);
    const closed = closedOf(example)[0].statement as unknown as Statement;
    const before = new Date(Date.parse(closed.asOf) - 1).toISOString();
    const asOf = await reader.statement(callerOf(AUDITOR), contractId, closed.period, { asOf: { recordedAt: before }, asOfText: before, through: `${closed.period}-28` });
    expect(asOf.status).toBe('provisional');
    expect(counting.reads.every((options) => options?.maxCount === undefined)).toBe(true);
  });
});

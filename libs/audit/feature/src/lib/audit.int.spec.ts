import { providerEarningsProjection, rebuildProjection, relationshipHistoryProjection, statementsProjection } from '@ledger/entitlements-feature';
import { openEventStore, type SqlEventStore } from '@ledger/event-store';
import { createTestDatabase, EXAMPLES_DIR, postgresTestUrl, publicationsOf, resealed, seedFramework, type TestDatabase } from '@ledger/testing';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { exportContract } from './export-contract';
import { importContractEvents } from './import-events';
import type { ReadModelChecker } from './read-model-checker';
import { providerEarningsChecker } from './provider-earnings-checker';
import { relationshipHistoryChecker } from './relationship-history-checker';
import { statementsChecker } from './statements-checker';
import { verifyContract } from './verify-contract';

const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((name) => /^\d\d-/.test(name)).sort();
const FRAMEWORK = publicationsOf(readFileSync(path.join(EXAMPLES_DIR, 'framework.ndjson'), 'utf8'));

interface Line {
  streamId: string;
  revision: number;
  globalPosition: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> & { prevHash: string; hash: string };
}

const fileOf = (example: string) => readFileSync(path.join(EXAMPLES_DIR, example, 'events.ndjson'), 'utf8');
const linesOf = (text: string): Line[] => text.trim().split('\n').map((line) => JSON.parse(line) as Line);
const ndjson = (lines: readonly Line[]) => lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
const contractIdOf = (lines: readonly Line[]) => lines[0].data['contractId'] as string;
const withoutPosition = ({ globalPosition: _position, ...line }: Line) => line;

const stores: Array<[string, () => Promise<{ store: SqlEventStore; database?: TestDatabase }>]> = [['pglite', async () => ({ store: await openEventStore({ kind: 'pglite' }) })]];
if (postgresTestUrl('audit-feature')) {
  stores.push([
    'postgres',
    async () => {
      const database = await createTestDatabase();
      return { store: await openEventStore({ kind: 'postgres', connectionString: database.url }), database };
    },
  ]);
}

describe.each(stores)('audit against the live store: %s', (_kind, open) => {
  let store: SqlEventStore;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    ({ store, database } = await open());
    await seedFramework(store, FRAMEWORK);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  describe.each(EXAMPLES)('%s restored with import events', (example) => {
    const lines = linesOf(fileOf(example));
    const contractId = contractIdOf(lines);

    it('imports every event, each re-decided, with the store sealing the file\'s own hashes', async () => {
      expect(await importContractEvents(store, fileOf(example))).toEqual({
        ok: true,
        contractId,
        streamId: `contract-${contractId}`,
        events: lines.length,
        imported: lines.length,
        revision: lines.length - 1,
        notes: [],
      });
    });

    it('importing the same file again appends nothing', async () => {
      expect(await importContractEvents(store, fileOf(example))).toMatchObject({ ok: true, imported: 0 });
      expect(await store.streamRevision(`contract-${contractId}`)).toBe(lines.length - 1);
    });

    it('verify --contract passes: chain, rules, no discrepancy', async () => {
      const report = await verifyContract(store, contractId);
      expect(report).toMatchObject({ ok: true, events: lines.length, checks: { chain: 'passed', rules: 'passed' }, discrepancies: [] });
      expect(report.firstBadRevision).toBeUndefined();
    });

    it('export gives back the file: same data and metadata, the store\'s own increasing positions', async () => {
      const exported = linesOf(await exportContract(store, contractId));
      expect(exported.map(withoutPosition)).toEqual(lines.map(withoutPosition));
      const positions = exported.map((line) => line.globalPosition);
      expect(positions.every((position) => Number.isSafeInteger(position))).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);
    });
  });

  it('a pluggable read-model checker\'s discrepancies are reported with their revision, expected and found', async () => {
    const lines = linesOf(fileOf(EXAMPLES[0]));
    const skewed: ReadModelChecker = {
      name: 'skewed',
      async check({ closes }) {
        const [first] = closes;
        return { discrepancies: [{ revision: first.revision, key: first.period, reason: 'earnedPence differs', expected: first.statement.statement.totals.earnedPence, found: 0 }] };
      },
    };
    const firstClose = lines.find((line) => line.type === 'PeriodClosed') as Line;
    const report = await verifyContract(store, contractIdOf(lines), { readModels: [skewed] });
    expect(report).toMatchObject({
      ok: false,
      firstBadRevision: firstClose.revision,
      checks: { chain: 'passed', rules: 'passed', readModels: { skewed: 'failed' } },
      discrepancies: [{ check: 'read-model:skewed', revision: firstClose.revision, key: firstClose.data['period'], expected: (firstClose.data['totals'] as { earnedPence: number }).earnedPence, found: 0 }],
    });
  });

  describe('the statements read model against the fold', () => {
    const lines = linesOf(fileOf('05-late-placement-end'));
    const contractId = contractIdOf(lines);
    const closes = lines.filter((line) => line.type === 'PeriodClosed');

    it('is skipped, and said so, while the projections have never run on the store', async () => {
      const report = await verifyContract(store, contractId, { readModels: [statementsChecker(store.database)] });
      expect(report).toMatchObject({ ok: true, checks: { readModels: { statements: 'skipped' } } });
      expect(report.notes).toContainEqual(expect.stringContaining('read model statements was not compared'));
    });

    it('passes once the projection has caught up', async () => {
      await rebuildProjection(store, statementsProjection);
      const report = await verifyContract(store, contractId, { readModels: [statementsChecker(store.database)] });
      expect(report).toMatchObject({ ok: true, checks: { chain: 'passed', rules: 'passed', readModels: { statements: 'passed' } }, discrepancies: [] });
    });

    it('one byte of one stored row changed: names the close\'s revision, the period, expected and found', async () => {
      const target = closes[closes.length - 1];
      const period = target.data['period'] as string;
      const totals = target.data['totals'] as { earnedPence: number };
      // A digit of earnedPence, one higher (or 8 for a 9): the text keeps its length.
      const digits = String(totals.earnedPence);
      const last = digits[digits.length - 1];
      const altered = Number(`${digits.slice(0, -1)}${last === '9' ? '8' : String(Number(last) + 1)}`);
      await store.database.query(`UPDATE read_models.statements SET doc = jsonb_set(doc, '{statement,totals,earnedPence}', $3::jsonb) WHERE scope = $1 AND key = $2`, [contractId, period, String(altered)]);
      const report = await verifyContract(store, contractId, { readModels: [statementsChecker(store.database)] });
      expect(report).toMatchObject({
        ok: false,
        firstBadRevision: target.revision,
        checks: { chain: 'passed', rules: 'passed', readModels: { statements: 'failed' } },
        discrepancies: [
          {
            check: 'read-model:statements',
            revision: target.revision,
            key: period,
            reason: expect.stringContaining('differs from the fold\'s in totals (and no longer matches its own statementHash)'),
            expected: { totals: expect.objectContaining({ earnedPence: totals.earnedPence }) },
            found: { totals: expect.objectContaining({ earnedPence: altered }) },
          },
        ],
      });
    });
  });

  describe('the provider earnings read model against the events', () => {
    const lines = linesOf(fileOf('02-care-leaver-outcomes'));
    const contractId = contractIdOf(lines);
    const providerId = lines[0].data['providerId'] as string;
    const close = lines.filter((line) => line.type === 'PeriodClosed')[0];
    const decision = lines.find((line) => line.type === 'OutcomeRejected') as Line;
    const checkers = () => [providerEarningsChecker(store.database)];

    it('passes once the projection has caught up', async () => {
      await rebuildProjection(store, providerEarningsProjection);
      expect(await verifyContract(store, contractId, { readModels: checkers() })).toMatchObject({ ok: true, checks: { readModels: { provider_earnings: 'passed' } } });
    });

    it('a changed paidPence and a claim shown pending after its rejection are each named at their revision', async () => {
      const period = close.data['period'] as string;
      const paidPence = (close.data['totals'] as { paidPence: number }).paidPence;
      await store.database.query(`UPDATE read_models.provider_earnings SET doc = jsonb_set(doc, '{paidPence}', $3::jsonb) WHERE scope = $1 AND key = $2`, [providerId, `period/${period}/${contractId}`, String(paidPence + 1)]);
      const claimKey = `claim/${contractId}/${decision.data['claimId']}`;
      await store.database.query('INSERT INTO read_models.provider_earnings (scope, key, doc) VALUES ($1, $2, $3::jsonb)', [providerId, claimKey, JSON.stringify({ contractId, claimId: decision.data['claimId'] })]);
      const report = await verifyContract(store, contractId, { readModels: checkers() });
      expect(report).toMatchObject({ ok: false, checks: { readModels: { provider_earnings: 'failed' } } });
      expect(report.discrepancies).toEqual(
        [
          { check: 'read-model:provider_earnings', revision: close.revision, key: `period/${period}/${contractId}`, reason: expect.stringContaining('paidPence'), expected: { paidPence }, found: { paidPence: paidPence + 1 } },
          { check: 'read-model:provider_earnings', revision: decision.revision, key: claimKey, reason: 'a claim still shown pending after its decision', expected: undefined, found: expect.any(Object) },
        ].sort((a, b) => a.revision - b.revision),
      );
    });
  });

  describe('the relationship history timeline against the events', () => {
    const lines = linesOf(fileOf('08-termination'));
    const contractId = contractIdOf(lines);
    const target = lines.find((line) => line.type === 'PaymentRecorded') as Line;
    const checkers = () => [relationshipHistoryChecker(store.database)];

    it('passes once the projection has caught up, then names the event whose line was changed', async () => {
      await rebuildProjection(store, relationshipHistoryProjection);
      expect(await verifyContract(store, contractId, { readModels: checkers() })).toMatchObject({ ok: true, checks: { readModels: { relationship_history: 'passed' } } });
      await store.database.query(
        `UPDATE read_models.relationship_history SET doc = jsonb_set(doc, '{data,amountPence}', to_jsonb((doc->'data'->>'amountPence')::bigint + 1)) WHERE doc->>'contractId' = $1 AND (doc->>'revision')::int = $2`,
        [contractId, target.revision],
      );
      const report = await verifyContract(store, contractId, { readModels: checkers() });
      expect(report).toMatchObject({
        ok: false,
        firstBadRevision: target.revision,
        discrepancies: [{ check: 'read-model:relationship_history', revision: target.revision, reason: expect.stringContaining('otherwise than recorded: data'), expected: { data: target.data } }],
      });
      expect(report.discrepancies).toHaveLength(1);
    });
  });

  it('verify of a contract the store does not hold is an error naming it', async () => {
    await expect(verifyContract(store, 'NO-SUCH-CONTRACT')).rejects.toThrow('no contract NO-SUCH-CONTRACT');
  });
});

describe('import events: a bad file imports nothing and names its first bad line', () => {
  let store: SqlEventStore;
  beforeAll(async () => {
    store = await openEventStore({ kind: 'pglite' });
    await seedFramework(store, FRAMEWORK);
  });
  afterAll(async () => store?.close());

  const original = linesOf(fileOf('03-caps-and-reversal'));
  const verifiedAt = original.findIndex((line) => line.type === 'OutcomeVerified');
  const closedAt = original.findIndex((line) => line.type === 'PeriodClosed');
  const edit = (index: number, change: (line: Line) => Line) => original.map((line, i) => (i === index ? change(line) : line));
  const plusOnePenny = (line: Line) => ({ ...line, data: { ...line.data, amountPence: (line.data['amountPence'] as number) + 1 } });

  const cases: Array<[string, string, number, string]> = [
    ['one amount altered: the hash no longer matches', ndjson(edit(verifiedAt, plusOnePenny)), verifiedAt + 1, 'hash does not match'],
    ['one hash broken', ndjson(edit(4, (line) => ({ ...line, metadata: { ...line.metadata, hash: line.metadata.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) } }))), 5, 'hash does not match'],
    ['one line that is not JSON', ndjson(original).replace(/\n/g, (newline, at: number, text: string) => (text.slice(0, at).split('\n').length === 7 ? '\n{"streamId": \n' : newline)), 8, 'not JSON'],
    ['an amount altered and the chain re-sealed: the rules give another amount', ndjson(resealed(edit(verifiedAt, plusOnePenny))), verifiedAt + 1, 'differ from what the rules give'],
    [
      'a close\'s totals altered and the chain re-sealed',
      ndjson(resealed(edit(closedAt, (line) => ({ ...line, data: { ...line.data, totals: { ...(line.data['totals'] as object), paidPence: 1 } } })))),
      closedAt + 1,
      'differ from what the rules give',
    ],
    ['a revision skipped', ndjson(original.filter((_, i) => i !== 2)), 3, 'revision 3 where 2 comes next'],
    ['an unknown member', ndjson(edit(1, (line) => ({ ...line, note: 'x' }) as Line)), 2, 'note is not a member'],
  ];
  it.each(cases)('%s', async (_name, text, line, reason) => {
    const result = await importContractEvents(store, text);
    expect(result).toMatchObject({ ok: false, line, reason: expect.stringContaining(reason) });
    expect(await store.streamRevision(`contract-${contractIdOf(original)}`)).toBeUndefined();
  });

  it('a file continuing what the store holds appends the rest; one that differs from it is refused at the first line that differs', async () => {
    const other = linesOf(fileOf('01-fees-and-rounding'));
    await importContractEvents(store, ndjson(other.slice(0, 4)));
    const changed = resealed(other.map((line, i) => (i === 4 ? { ...line, metadata: { ...line.metadata, correlationId: 'another' } } : line)));
    expect(await importContractEvents(store, ndjson(changed))).toMatchObject({ ok: true, imported: other.length - 4 });
    const again = resealed(changed.map((line, i) => (i === 5 ? { ...line, metadata: { ...line.metadata, correlationId: 'yet another' } } : line)));
    expect(await importContractEvents(store, ndjson(again))).toMatchObject({ ok: false, line: 6, revision: 5, reason: expect.stringContaining('already holds another event at revision 5') });
  });
});

describe('import events and the outcome framework', () => {
  const example = fileOf('02-care-leaver-outcomes');
  const codes = (linesOf(example)[0].data['terms'] as { outcomes: { code: string }[] }).outcomes.map((outcome) => outcome.code);

  it('accepts a history whose codes were retired since (spec section 10)', async () => {
    const store = await openEventStore({ kind: 'pglite' });
    try {
      await seedFramework(store, [...FRAMEWORK, ...codes.map((code) => ({ type: 'RetireDefinition' as const, code, reason: 'superseded' }))]);
      expect(await importContractEvents(store, example)).toMatchObject({ ok: true, notes: [] });
    } finally {
      await store.close();
    }
  });

  it('refuses a history with a code the store never published, at the draft', async () => {
    const store = await openEventStore({ kind: 'pglite' });
    try {
      await seedFramework(store, FRAMEWORK.filter((command) => command.code !== codes[0]));
      expect(await importContractEvents(store, example)).toMatchObject({ ok: false, line: 1, reason: expect.stringContaining('UNKNOWN_OUTCOME') });
    } finally {
      await store.close();
    }
  });

  it('without a framework in the store, imports and says the codes were not checked', async () => {
    const store = await openEventStore({ kind: 'pglite' });
    try {
      expect(await importContractEvents(store, example)).toMatchObject({ ok: true, notes: [expect.stringContaining('not checked')] });
      expect((await verifyContract(store, contractIdOf(linesOf(example)))).notes).toContainEqual(expect.stringContaining('not checked'));
    } finally {
      await store.close();
    }
  });
});

const tamperUrl = postgresTestUrl('audit-feature tamper');
(tamperUrl ? describe : describe.skip)('tampering with one stored byte on PostgreSQL', () => {
  let database: TestDatabase;
  let store: SqlEventStore;
  const lines = linesOf(fileOf('03-caps-and-reversal'));
  const contractId = contractIdOf(lines);
  const target = lines.findIndex((line) => line.type === 'OutcomeVerified');

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await openEventStore({ kind: 'postgres', connectionString: database.url });
    await seedFramework(store, FRAMEWORK);
    expect(await importContractEvents(store, fileOf('03-caps-and-reversal'))).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  /** As the database's superuser, past the append-only guard: one character of the stored data's text changed. */
  async function changeOneByte(revision: number): Promise<void> {
    const superuser = new Client({ connectionString: database.url });
    await superuser.connect();
    try {
      const { rows } = await superuser.query<{ data: string }>('SELECT data::text AS data FROM event_store.events WHERE stream_id = $1 AND revision = $2', [`contract-${contractId}`, revision]);
      const text = rows[0].data;
      const at = text.indexOf('"amountPence": ') + '"amountPence": '.length;
      const tampered = `${text.slice(0, at)}${text[at] === '9' ? '8' : String(Number(text[at]) + 1)}${text.slice(at + 1)}`;
      expect(tampered.length).toBe(text.length);
      await superuser.query('ALTER TABLE event_store.events DISABLE TRIGGER events_append_only');
      await superuser.query('UPDATE event_store.events SET data = $3::jsonb WHERE stream_id = $1 AND revision = $2', [`contract-${contractId}`, revision, tampered]);
      await superuser.query('ALTER TABLE event_store.events ENABLE TRIGGER events_append_only');
    } finally {
      await superuser.end();
    }
  }

  it('verify names the revision whose byte changed, and only that one', async () => {
    expect(await verifyContract(store, contractId)).toMatchObject({ ok: true });
    await changeOneByte(target);
    const report = await verifyContract(store, contractId);
    expect(report).toMatchObject({
      ok: false,
      firstBadRevision: target,
      checks: { chain: 'failed', rules: 'skipped' },
      discrepancies: [{ check: 'chain', revision: target, reason: expect.stringContaining('hash does not match') }],
    });
    expect(report.discrepancies).toHaveLength(1);
  });
});

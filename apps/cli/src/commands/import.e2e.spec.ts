import { rebuildProjection, statementsProjection } from '@ledger/entitlements-feature';
import { openEventStore, type SqlEventStore } from '@ledger/event-store';
import { createTestDatabase, postgresTestUrl, publicationsOf, seedFramework, type TestDatabase } from '@ledger/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { EXAMPLES_DIR, exampleFolders, runLedger, STACK_FRAME } from '../testing/run-ledger';

interface Line {
  streamId: string;
  revision: number;
  globalPosition: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> & { hash: string };
}

const FRAMEWORK = publicationsOf(readFileSync(path.join(EXAMPLES_DIR, 'framework.ndjson'), 'utf8'));
const eventsFile = (example: string) => path.join(EXAMPLES_DIR, example, 'events.ndjson');
const linesOf = (text: string): Line[] => text.trim().split('\n').map((line) => JSON.parse(line) as Line);
const contractIdOf = (example: string) => linesOf(readFileSync(eventsFile(example), 'utf8'))[0].data['contractId'] as string;
const withoutPosition = ({ globalPosition: _position, ...line }: Line) => line;

/** A store the spawned `ledger` opens as the server would: its environment, and a way to look inside it meanwhile. */
interface Backend {
  env: Record<string, string>;
  /** Opens the store in this process (the embedded one only while no `ledger` runs). */
  open(): Promise<SqlEventStore>;
  dispose(): Promise<void>;
}

async function pgliteBackend(): Promise<Backend> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-audit-'));
  return {
    env: { EVENT_STORE: 'pglite', DATA_DIR: dataDir },
    open: () => openEventStore({ kind: 'pglite', dataDir }),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresBackend(): Promise<Backend & { database: TestDatabase }> {
  const database = await createTestDatabase();
  return {
    database,
    env: { EVENT_STORE: 'postgres', DATABASE_URL: database.url },
    open: () => openEventStore({ kind: 'postgres', connectionString: database.url }),
    dispose: () => database.drop(),
  };
}

async function withOpen<T>(backend: Backend, work: (store: SqlEventStore) => Promise<T>): Promise<T> {
  const store = await backend.open();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Import, verify --contract and export of one example, as a user runs them one after the other. */
async function roundTrip(backend: Backend, example: string): Promise<void> {
  const file = eventsFile(example);
  const contractId = contractIdOf(example);
  const lines = linesOf(readFileSync(file, 'utf8'));

  const imported = await runLedger(['import', 'events', file], { env: backend.env });
  expect(imported.code).toBe(0);
  expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, contractId, events: lines.length, imported: lines.length, notes: [] });

  const verified = await runLedger(['verify', '--contract', contractId], { env: backend.env });
  expect(verified.code).toBe(0);
  expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, contractId, events: lines.length, checks: { chain: 'passed', rules: 'passed' }, discrepancies: [] });
  expect(verified.stderr).toContain(`verify: contract-${contractId}: all ${lines.length} events hold`);

  const exported = await runLedger(['export', '--contract', contractId], { env: backend.env });
  expect(exported.code).toBe(0);
  const back = linesOf(exported.stdout);
  expect(back.map(withoutPosition)).toEqual(lines.map(withoutPosition));
  expect(back.every((line, i) => Number.isSafeInteger(line.globalPosition) && (i === 0 || line.globalPosition > back[i - 1].globalPosition))).toBe(true);
}

const postgresUrl = postgresTestUrl('ledger import/verify/export e2e');

(postgresUrl ? describe : describe.skip)('ledger import events, verify --contract, export: the examples on PostgreSQL', () => {
  let backend: Awaited<ReturnType<typeof postgresBackend>>;
  beforeAll(async () => {
    backend = await postgresBackend();
    await withOpen(backend, (store) => seedFramework(store, FRAMEWORK));
  });
  afterAll(async () => backend?.dispose());

  it('restores every example: verify passes and export gives back the file, data and metadata', async () => {
    // Three at a time: separate contracts, and PostgreSQL serves several processes.
    const examples = exampleFolders();
    for (let start = 0; start < examples.length; start += 3) {
      await Promise.all(examples.slice(start, start + 3).map((example) => roundTrip(backend, example)));
    }
  }, 300_000);

  it('one stored byte changed (as the superuser, past the append-only guard): verify fails naming that revision', async () => {
    const example = '03-caps-and-reversal';
    const contractId = contractIdOf(example);
    const target = linesOf(readFileSync(eventsFile(example), 'utf8')).findIndex((line) => line.type === 'PaymentRecorded');
    const superuser = new Client({ connectionString: backend.database.url });
    await superuser.connect();
    try {
      const where = 'WHERE stream_id = $1 AND revision = $2';
      const { rows } = await superuser.query<{ data: string }>(`SELECT data::text AS data FROM event_store.events ${where}`, [`contract-${contractId}`, target]);
      // One character of the reference, whatever it is, becomes another.
      const text = rows[0].data;
      const at = text.indexOf('"reference": "') + '"reference": "'.length;
      const tampered = `${text.slice(0, at)}${text[at] === 'X' ? 'Y' : 'X'}${text.slice(at + 1)}`;
      await superuser.query('ALTER TABLE event_store.events DISABLE TRIGGER events_append_only');
      await superuser.query(`UPDATE event_store.events SET data = $3::jsonb ${where}`, [`contract-${contractId}`, target, tampered]);
      await superuser.query('ALTER TABLE event_store.events ENABLE TRIGGER events_append_only');
    } finally {
      await superuser.end();
    }
    const run = await runLedger(['verify', '--contract', contractId], { env: backend.env });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, firstBadRevision: target, discrepancies: [{ check: 'chain', revision: target }] });
    expect(run.stderr).toContain(`revision ${target} fails (chain)`);
  }, 120_000);
});

(postgresUrl ? describe : describe.skip)('ledger verify --contract and the statements read model on PostgreSQL', () => {
  let backend: Awaited<ReturnType<typeof postgresBackend>>;
  const example = '04-backdated-variation';
  const contractId = contractIdOf(example);
  const close = linesOf(readFileSync(eventsFile(example), 'utf8')).filter((line) => line.type === 'PeriodClosed')[0];
  beforeAll(async () => {
    backend = await postgresBackend();
    await withOpen(backend, (store) => seedFramework(store, FRAMEWORK));
    expect((await runLedger(['import', 'events', eventsFile(example)], { env: backend.env })).code).toBe(0);
    await withOpen(backend, (store) => rebuildProjection(store, statementsProjection));
  }, 120_000);
  afterAll(async () => backend?.dispose());

  it('compares every stored statement with the fold, then names the close whose row was changed', async () => {
    const passed = await runLedger(['verify', '--contract', contractId], { env: backend.env });
    expect(passed.code).toBe(0);
    expect(JSON.parse(passed.stdout)).toMatchObject({ ok: true, checks: { readModels: { statements: 'passed' } } });

    const superuser = new Client({ connectionString: backend.database.url });
    await superuser.connect();
    try {
      await superuser.query(`UPDATE read_models.statements SET doc = jsonb_set(doc, '{statementHash}', to_jsonb(translate(doc->>'statementHash', '0123456789abcdef', '1234567890bcdefa'))) WHERE scope = $1 AND key = $2`, [contractId, close.data['period']]);
    } finally {
      await superuser.end();
    }
    const failed = await runLedger(['verify', '--contract', contractId], { env: backend.env });
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({
      ok: false,
      firstBadRevision: close.revision,
      discrepancies: [{ check: 'read-model:statements', revision: close.revision, key: close.data['period'], expected: close.data['statementHash'] }],
    });
    expect(failed.stderr).toContain(`revision ${close.revision} fails (read-model:statements ${close.data['period']})`);
  }, 120_000);
});

describe('ledger import events: a bad file imports nothing and names its first bad line', () => {
  let backend: Backend;
  let folder: string;
  beforeAll(async () => {
    backend = postgresUrl ? await postgresBackend() : await pgliteBackend();
    await withOpen(backend, (store) => seedFramework(store, FRAMEWORK));
    folder = mkdtempSync(path.join(tmpdir(), 'ledger-import-'));
  });
  afterAll(async () => {
    await backend?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const example = '02-care-leaver-outcomes';
  const text = readFileSync(eventsFile(example), 'utf8');
  const lines = text.trim().split('\n');
  const verified = linesOf(text).findIndex((line) => line.type === 'OutcomeVerified');
  const edited = (index: number, change: (line: string) => string) => lines.map((line, i) => (i === index ? change(line) : line)).join('\n') + '\n';

  const cases: Array<[string, string, number, string]> = [
    ['one amount altered', edited(verified, (line) => line.replace(/"amountPence":\s*(\d+)/, (_m, pence: string) => `"amountPence":${Number(pence) + 1}`)), verified + 1, 'hash does not match'],
    ['one hash broken', edited(5, (line) => line.replace(/"hash":\s*"(.)/, (_m, c: string) => `"hash":"${c === 'a' ? 'b' : 'a'}`)), 6, 'hash does not match'],
    ['one line that is not JSON', edited(9, (line) => line.slice(0, -1)), 10, 'not JSON'],
  ];
  it.each(cases)('%s: exit 1 naming the line, and the contract is not in the store', async (name, content, line, reason) => {
    const file = path.join(folder, `${name.replace(/\W+/g, '-')}.ndjson`);
    writeFileSync(file, content);
    const run = await runLedger(['import', 'events', file], { env: backend.env });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, line, reason: expect.stringContaining(reason) });
    expect(run.stderr).toContain(`${file} line ${line}: `);
    expect(run.stderr).toContain('nothing was imported');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(await withOpen(backend, (store) => store.streamRevision(`contract-${contractIdOf(example)}`))).toBeUndefined();
  }, 120_000);
});

describe('the embedded store (pglite in DATA_DIR)', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await pgliteBackend();
    await withOpen(backend, (store) => seedFramework(store, FRAMEWORK));
  });
  afterAll(async () => backend?.dispose());

  it('restores an example: verify passes and export gives back the file', async () => roundTrip(backend, '09-late-history-and-lifo'), 120_000);

  it('while another process holds it, verify --contract says so and names the API route, import says so', async () => {
    const contractId = contractIdOf('09-late-history-and-lifo');
    await withOpen(backend, async () => {
      const verify = await runLedger(['verify', '--contract', contractId], { env: backend.env });
      expect(verify.code).toBe(1);
      expect(verify.stderr).toContain(`is in use by process ${process.pid}`);
      expect(verify.stderr).toContain(`GET /api/audit/contracts/${contractId}/verify`);
      expect(verify.stderr).not.toMatch(STACK_FRAME);
      const imported = await runLedger(['import', 'events', eventsFile('01-fees-and-rounding')], { env: backend.env });
      expect(imported.code).toBe(1);
      expect(imported.stderr).toContain('the embedded store serves one process at a time');
    });
  }, 120_000);

  it('verify and export of a contract the store does not hold: exit 1 naming it', async () => {
    for (const args of [['verify', '--contract', 'NO-SUCH'], ['export', '--contract', 'NO-SUCH']]) {
      const run = await runLedger(args, { env: backend.env });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('no contract NO-SUCH in the store');
    }
  }, 120_000);

  it.each([
    [['verify', '--contract', 'X', 'file.ndjson'], 'either --contract ID or FILE'],
    [['verify'], 'FILE or --contract ID is required'],
    [['import', 'file.ndjson'], "unknown import 'file.ndjson'"],
    [['import', 'events'], 'FILE is required'],
    [['export'], '--contract ID is required'],
  ])('ledger %j: usage error, exit 2', async (args, message) => {
    const run = await runLedger(args, { env: backend.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

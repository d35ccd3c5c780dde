import { asStreamEvents, contractStreamId, readContractStream } from '@ledger/contracts-feature';
import { decide, foldContract, nowOf, SYSTEM_ACTOR, type ContractCommand } from '@ledger/contracts-domain';
import { openEventStore, type SqlEventStore } from '@ledger/event-store';
import { placementsFromEvents } from '@ledger/imports-domain';
import { placementTypeOn } from '@ledger/contracts-model';
import { eventIdFor, isRejection, type Actor } from '@ledger/kernel';
import { SHARED_DIR } from '@ledger/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runLedger, STACK_FRAME } from '../testing/run-ledger';

const EPISODES = path.join(SHARED_DIR, 'data/ssda903-sample/episodes.csv');
const LINES = readFileSync(EPISODES, 'utf8').split('\r\n');
const YEARS = ['2017', '2018', '2019', '2020', '2021'];
const COMMISSIONER: Actor = { sub: 'c@la', role: 'commissioner', org: 'LA-SAMPLE' };
const PROVIDER: Actor = { sub: 'p@prv', role: 'provider', org: 'PRV-SAMPLE' };

interface Summary {
  ok: boolean;
  dryRun: boolean;
  appended: number;
  revision: number;
  events: { type: string; data: Record<string, unknown> }[];
  skipped: { line: number; column: string; code: string; message: string }[];
  errors: { line: number; column: string; code: string; message: string }[];
  summary: Record<string, number>;
}

let dataDir: string;
const env = () => ({ EVENT_STORE: 'pglite', DATA_DIR: dataDir });
const openStore = () => openEventStore({ kind: 'pglite', dataDir });

async function withStore<T>(work: (store: SqlEventStore) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** A contract over the sample's returns, drafted and signed by both parties through the deciders. */
async function seedContract(store: SqlEventStore, contractId: string): Promise<void> {
  const steps: [Record<string, unknown>, Actor, string][] = [
    [
      { type: 'DraftContract', commissionerId: 'LA-SAMPLE', providerId: 'PRV-SAMPLE', title: 'Sample', startDate: '2016-04-01', endDate: '2021-03-31', terms: { fees: [], outcomes: [], caps: {} } },
      COMMISSIONER,
      '2016-01-01T10:00:00.000Z',
    ],
    [{ type: 'SignContract', party: 'provider', signedBy: 'p@prv', signedOn: '2016-01-02' }, PROVIDER, '2016-01-02T10:00:00.000Z'],
    [{ type: 'SignContract', party: 'commissioner', signedBy: 'c@la', signedOn: '2016-01-03' }, COMMISSIONER, '2016-01-03T10:00:00.000Z'],
  ];
  for (const [index, [body, actor, recordedAt]] of steps.entries()) {
    const stream = await readContractStream(store, contractId);
    const now = nowOf(recordedAt);
    if (!now) throw new Error(recordedAt);
    const decision = decide({ ...body, contractId, actor } as ContractCommand, foldContract(asStreamEvents(stream)), now, { framework: new Map() });
    if (isRejection(decision)) throw new Error(decision.message);
    const commandId = `seed-${contractId}-${index}`;
    const envelopes = decision.map((event, at) => ({
      id: eventIdFor(commandId, at),
      type: event.type,
      data: event.data,
      metadata: {
        actor: event.type === 'ContractAgreed' ? SYSTEM_ACTOR : actor,
        commandId,
        correlationId: commandId,
        ...(event.type === 'ContractAgreed' ? { causationId: commandId } : {}),
        recordedAt,
        schemaVersion: 1,
      },
    }));
    await store.appendToStream(contractStreamId(contractId), envelopes, { expectedRevision: stream.length === 0 ? 'no_stream' : stream.length - 1 });
  }
}

/** Each placement's child, dates and the type on every stretch of it: ids aside, what the contract pays for. */
async function placementsView(contractId: string): Promise<string[]> {
  const stream = await withStore((store) => readContractStream(store, contractId));
  return placementsFromEvents(stream)
    .map((placement) => {
      const types = [placementTypeOn(placement, placement.startDate)];
      for (const change of placement.changes) {
        const inside = change.changedOn > placement.startDate && (placement.endDate === null || change.changedOn < placement.endDate);
        const type = placementTypeOn(placement, change.changedOn);
        if (inside && type !== types[types.length - 1]) types.push(`${change.changedOn}:${type}`);
      }
      return `${placement.childRef} ${placement.startDate}..${placement.endDate ?? 'open'} ${types.join(' ')}`;
    })
    .sort();
}

async function streamLength(contractId: string): Promise<number> {
  return (await withStore((store) => readContractStream(store, contractId))).length;
}

function writeFile(name: string, lines: string[]): string {
  const file = path.join(dataDir, name);
  writeFileSync(file, lines.join('\r\n'));
  return file;
}

async function importFile(contractId: string, file: string, ...options: string[]) {
  const run = await runLedger(['import', 'ssda903', '--contract', contractId, '--episodes', file, ...options], { env: env() });
  return { ...run, result: run.stdout.trim() === '' ? undefined : (JSON.parse(run.stdout) as Summary) };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-ssda903-'));
  await withStore(async (store) => {
    for (const contractId of ['C-TWICE', 'C-YEARLY', 'C-ATONCE', 'C-SMALL', 'C-DRY']) await seedContract(store, contractId);
  });
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('ledger import ssda903', () => {
  it("one authority's episodes with --skip-invalid twice: the second run appends nothing and lists the same skipped rows", async () => {
    const before = await streamLength('C-TWICE');
    const first = await importFile('C-TWICE', EPISODES, '--la', 'Southwark', '--skip-invalid');
    expect(first.code).toBe(0);
    expect(first.result?.ok).toBe(true);
    expect(first.result?.appended).toBeGreaterThan(100);
    expect(first.result?.skipped.length).toBeGreaterThan(0);
    expect(await streamLength('C-TWICE')).toBe(before + (first.result?.appended ?? 0));
    expect(first.stderr).toMatch(/import: 1000 of \d+ rows read/);
    expect(first.stderr).toMatch(/import: C-TWICE: 3737 rows read, \d+ placements, appended \d+ events, \d+ bad row\(s\) skipped/);

    const second = await importFile('C-TWICE', EPISODES, '--la', 'Southwark', '--skip-invalid');
    expect(second.code).toBe(0);
    expect(second.result?.appended).toBe(0);
    expect(second.result?.events).toEqual([]);
    expect(second.result?.skipped).toEqual(first.result?.skipped);
    expect(await streamLength('C-TWICE')).toBe(before + (first.result?.appended ?? 0));
  }, 120_000);

  it('the returns imported year by year give the placements (dates and types) of importing all years at once', async () => {
    for (const year of YEARS) {
      const file = writeFile(`return-${year}.csv`, [LINES[0], ...LINES.slice(1).filter((line) => line.endsWith(`,${year}`))]);
      const run = await importFile('C-YEARLY', file, '--skip-invalid');
      expect({ year, code: run.code, ok: run.result?.ok }).toEqual({ year, code: 0, ok: true });
    }
    const all = await importFile('C-ATONCE', EPISODES, '--skip-invalid');
    expect(all.code).toBe(0);

    const yearly = await placementsView('C-YEARLY');
    expect(yearly.length).toBeGreaterThan(500);
    expect(yearly).toEqual(await placementsView('C-ATONCE'));
    const again = await importFile('C-YEARLY', EPISODES, '--skip-invalid');
    expect(again.result?.appended).toBe(0);
  }, 240_000);

  it('a small file whose only problem is one bad code imports nothing without --skip-invalid and names its line; with it, the rest', async () => {
    const small = LINES.slice(0, 21);
    const fields = small[12].split(',');
    fields[5] = 'ZZ';
    small[12] = fields.join(',');
    const file = writeFile('small.csv', small);
    const before = await streamLength('C-SMALL');

    const strict = await importFile('C-SMALL', file);
    expect(strict.code).toBe(1);
    expect(strict.result?.ok).toBe(false);
    expect(strict.result?.appended).toBe(0);
    expect(strict.result?.errors).toEqual([{ line: 13, column: 'PLACE', code: 'UNKNOWN_CODE', message: 'PLACE "ZZ" is not an SSDA903 code' }]);
    expect(strict.stderr).toContain('line 13 column PLACE: UNKNOWN_CODE');
    expect(strict.stderr).not.toMatch(STACK_FRAME);
    expect(await streamLength('C-SMALL')).toBe(before);

    const lenient = await importFile('C-SMALL', file, '--skip-invalid');
    expect(lenient.code).toBe(0);
    expect(lenient.result?.skipped.map((issue) => issue.line)).toEqual([13]);
    expect(lenient.result?.appended).toBeGreaterThan(0);
    expect(await streamLength('C-SMALL')).toBe(before + (lenient.result?.appended ?? 0));
  }, 60_000);

  it('--dry-run prints the difference and appends nothing; the import then appends exactly that', async () => {
    const before = await streamLength('C-DRY');
    const dry = await importFile('C-DRY', EPISODES, '--la', 'Hillingdon', '--skip-invalid', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.result?.dryRun).toBe(true);
    expect(dry.result?.appended).toBe(0);
    expect(dry.result?.events.length).toBeGreaterThan(50);
    expect(dry.stderr).toMatch(/would append \d+ events/);
    expect(await streamLength('C-DRY')).toBe(before);

    const real = await importFile('C-DRY', EPISODES, '--la', 'Hillingdon', '--skip-invalid');
    expect(real.result?.events).toEqual(dry.result?.events);
    const stream = await withStore((store) => readContractStream(store, 'C-DRY'));
    expect(stream.slice(before).map((event) => ({ type: event.type, data: event.data }))).toEqual(dry.result?.events);
    expect(stream[before].metadata.actor).toEqual({ sub: 'ledger-cli', role: 'commissioner', org: 'LA-SAMPLE' });
    // Children's personal data never enters the stream: no postcode of the file.
    const postcodes = LINES.slice(1).flatMap((line) => line.split(',').slice(10, 12)).filter((value) => value !== '');
    const stored = JSON.stringify(stream);
    expect(postcodes.filter((postcode) => stored.includes(postcode))).toEqual([]);
  }, 120_000);

  it.each([
    { args: ['--episodes', EPISODES], message: '--contract ID is required' },
    { args: ['--contract', 'C-DRY'], message: '--episodes FILE is required' },
  ])('usage: $message', async ({ args, message }) => {
    const run = await runLedger(['import', 'ssda903', ...args], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('an unknown contract is refused, naming it', async () => {
    const run = await importFile('C-NONE', EPISODES);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CONTRACT_NOT_FOUND: no contract C-NONE');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('while another process holds the embedded store, says so and names the route that does the same', async () => {
    const holder = await openStore();
    try {
      const run = await importFile('C-DRY', EPISODES, '--skip-invalid');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('POST /api/contracts/C-DRY/imports/ssda903');
      expect(run.stderr).not.toMatch(STACK_FRAME);
    } finally {
      await holder.close();
    }
  });
});

import { resealed } from '@ledger/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EXAMPLES_DIR, exampleFolders, runLedger, STACK_FRAME } from '../testing/run-ledger';

const FRAMEWORK = path.join(EXAMPLES_DIR, 'framework.ndjson');

interface Line {
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> & { prevHash: string; hash: string };
}

function readLines(folder: string): Line[] {
  return readFileSync(path.join(EXAMPLES_DIR, folder, 'events.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** The first event that matches, with one of its amounts raised by one penny. */
function withOneAmountAltered(lines: Line[], alter: (line: Line) => Line | undefined): { lines: Line[]; revision: number } {
  const index = lines.findIndex((line) => alter(line) !== undefined);
  return { lines: lines.map((line, i) => (i === index ? (alter(line) as Line) : line)), revision: lines[index].revision };
}

const anyAmount = (line: Line) =>
  typeof line.data['amountPence'] === 'number' ? { ...line, data: { ...line.data, amountPence: line.data['amountPence'] + 1 } } : undefined;

const closedTotals = (line: Line) => {
  if (line.type !== 'PeriodClosed') return undefined;
  const totals = line.data['totals'] as Record<string, number>;
  return { ...line, data: { ...line.data, totals: { ...totals, earnedPence: totals['earnedPence'] + 1 } } };
};

describe('ledger verify FILE: hash chain and every event re-decided, offline', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'ledger-verify-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const write = (name: string, lines: Line[]) => {
    const file = path.join(folder, name);
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    return file;
  };

  it.each(exampleFolders())('%s: passes with the framework, exit 0', async (example) => {
    const run = await runLedger(['verify', path.join(EXAMPLES_DIR, example, 'events.ndjson'), '--framework', FRAMEWORK]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, events: readLines(example).length });
    expect(JSON.parse(run.stdout).note).toBeUndefined();
  });

  it.each(exampleFolders())('%s: one amount altered breaks the chain there: exit 1 naming that revision', async (example) => {
    const { lines, revision } = withOneAmountAltered(readLines(example), anyAmount);
    const run = await runLedger(['verify', write(`${example}-amount.ndjson`, lines), '--framework', FRAMEWORK]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, revision, type: lines[revision].type, reason: expect.stringContaining('hash') });
    expect(run.stderr).toContain(`revision ${revision} (${lines[revision].type}) fails`);
  });

  it.each(exampleFolders())('%s: a closed total altered and the chain re-sealed is caught by re-deciding that close', async (example) => {
    const { lines, revision } = withOneAmountAltered(readLines(example), closedTotals);
    const run = await runLedger(['verify', write(`${example}-resealed.ndjson`, resealed(lines)), '--framework', FRAMEWORK]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, revision, type: 'PeriodClosed', reason: expect.stringContaining('differ') });
  });

  it('without --framework outcome codes are not checked, and the report says so', async () => {
    const run = await runLedger(['verify', path.join(EXAMPLES_DIR, '02-care-leaver-outcomes', 'events.ndjson')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, note: expect.stringContaining('not checked') });
  });

  it('a framework without an outcome code the terms use fails at the draft', async () => {
    const lines = readLines('02-care-leaver-outcomes');
    const drafted = lines[0].data as { terms: { outcomes: { code: string }[] } };
    const missing = drafted.terms.outcomes[0].code;
    const framework = path.join(folder, 'framework-short.ndjson');
    writeFileSync(framework, readFileSync(FRAMEWORK, 'utf8').split('\n').filter((line) => !line.includes(`"code": "${missing}"`) && !line.includes(`"code":"${missing}"`)).join('\n'));
    const run = await runLedger(['verify', path.join(EXAMPLES_DIR, '02-care-leaver-outcomes', 'events.ndjson'), '--framework', framework]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, revision: 0, reason: expect.stringContaining('UNKNOWN_OUTCOME') });
  });

  it('a framework file that is neither events nor definitions is bad input: exit 1, no stack trace', async () => {
    const framework = path.join(folder, 'framework-bad.ndjson');
    writeFileSync(framework, '{"code": "X"}\n');
    const run = await runLedger(['verify', path.join(EXAMPLES_DIR, '01-fees-and-rounding', 'events.ndjson'), '--framework', framework]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('framework-bad.ndjson line 1 is neither a framework event nor a definition to publish');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EXAMPLES_DIR, exampleFolders, runLedger, STACK_FRAME } from '../testing/run-ledger';

interface Expected {
  options: { provisionalThrough?: string };
  statements: { statementHash: string; statement: { status: string } }[];
}

describe('ledger replay FILE: statements from an export, offline', () => {
  it.each(exampleFolders())('%s: prints exactly its expected-statements.json', async (folder) => {
    const expected: Expected = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, folder, 'expected-statements.json'), 'utf8'));
    const through = expected.options.provisionalThrough;
    const run = await runLedger(['replay', path.join(EXAMPLES_DIR, folder, 'events.ndjson'), ...(through ? ['--through', through] : [])]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expected);
    expect(expected.statements.some((hashed) => hashed.statement.status === 'provisional')).toBe(through !== undefined);
  });

  it('--as-of reads only what the ledger knew then: before the first close, no closed statement', async () => {
    const file = path.join(EXAMPLES_DIR, '01-fees-and-rounding', 'events.ndjson');
    const run = await runLedger(['replay', file, '--as-of', '2024-05-01T00:00:00Z', '--through', '2024-04-30']);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.options).toEqual({ asOf: '2024-05-01T00:00:00Z', provisionalThrough: '2024-04-30' });
    expect(printed.statements.map((hashed: Expected['statements'][number]) => hashed.statement.status)).toEqual(['provisional']);
    expect(printed.statements[0].statement).toMatchObject({ period: '2024-04', asOf: '2024-05-01T00:00:00Z' });
  });

  describe('bad input: a message, a non-zero exit, no stack trace', () => {
    let folder: string;
    beforeAll(() => {
      folder = mkdtempSync(path.join(tmpdir(), 'ledger-replay-'));
      writeFileSync(path.join(folder, 'garbage.ndjson'), '{"streamId": "contract-X", "revision": 0,\n');
      const lines = readFileSync(path.join(EXAMPLES_DIR, '01-fees-and-rounding', 'events.ndjson'), 'utf8').trim().split('\n');
      writeFileSync(path.join(folder, 'gap.ndjson'), [lines[0], lines[2]].join('\n'));
      const drafted = JSON.parse(lines[0]);
      writeFileSync(path.join(folder, 'no-terms.ndjson'), [JSON.stringify({ ...drafted, data: { contractId: drafted.data.contractId } }), ...lines.slice(1)].join('\n'));
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it.each([
      { name: 'no FILE', args: () => ['replay'], code: 2, message: 'FILE is required' },
      { name: 'a missing file', args: () => ['replay', path.join(folder, 'none.ndjson')], code: 1, message: 'none.ndjson: no such file' },
      { name: 'a line that is not JSON', args: () => ['replay', path.join(folder, 'garbage.ndjson')], code: 1, message: 'garbage.ndjson line 1 is not JSON' },
      { name: 'a gap in the revisions', args: () => ['replay', path.join(folder, 'gap.ndjson')], code: 1, message: 'revision 2 where 1 comes next' },
      { name: 'events the fold cannot read', args: () => ['replay', path.join(folder, 'no-terms.ndjson')], code: 1, message: 'cannot be folded' },
      { name: 'an impossible --through', args: () => ['replay', path.join(folder, 'gap.ndjson'), '--through', '2025-02-30'], code: 2, message: '--through must be a date' },
      { name: 'an --as-of that is neither instant nor position', args: () => ['replay', path.join(folder, 'gap.ndjson'), '--as-of', 'yesterday'], code: 2, message: '--as-of must be' },
      { name: 'an unknown option', args: () => ['replay', '--through-day', '2024-01-01'], code: 2, message: "Unknown option '--through-day'" },
    ])('$name', async ({ args, code, message }) => {
      const run = await runLedger(args());
      expect(run.code).toBe(code);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    });
  });
});

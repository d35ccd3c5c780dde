import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EXAMPLES_DIR, runLedger } from '../testing/run-ledger';

interface Report {
  projection: string;
  rebuiltPosition: string;
  onlyLive: number;
  onlyRebuilt: number;
  changed: number;
  identical: boolean;
}

describe('ledger projections rebuild', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-projections-'));
    for (const example of ['01-fees-and-rounding', '04-backdated-variation']) {
      const imported = await runLedger(['import', 'events', path.join(EXAMPLES_DIR, example, 'events.ndjson')], { env: { DATA_DIR: dataDir, EVENT_STORE: 'pglite' } });
      expect(imported.code).toBe(0);
    }
  }, 60_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[]) => runLedger(['projections', ...args], { env: { DATA_DIR: dataDir, EVENT_STORE: 'pglite' } });

  it('rebuilds every projection: the first run fills empty live tables, a second finds them identical', async () => {
    const first = await run(['rebuild']);
    expect(first.code).toBe(0);
    const firstReports = (JSON.parse(first.stdout) as { reports: Report[] }).reports;
    expect(firstReports.map((report) => report.projection)).toEqual(['statements', 'provider_earnings', 'relationship_history', 'outcome_benchmarks']);
    const statements = firstReports.find((report) => report.projection === 'statements');
    expect(statements).toMatchObject({ onlyLive: 0, changed: 0, identical: false });
    expect(statements?.onlyRebuilt).toBeGreaterThan(0);
    expect(first.stderr).toContain('statements: rebuilt to position');

    const second = await run(['rebuild', 'statements']);
    expect(second.code).toBe(0);
    const [report] = (JSON.parse(second.stdout) as { reports: Report[] }).reports;
    expect(report).toMatchObject({ projection: 'statements', onlyLive: 0, onlyRebuilt: 0, changed: 0, identical: true, rebuiltPosition: statements?.rebuiltPosition });
    expect(second.stderr).toContain('the live table was identical');

    const third = await run(['rebuild', 'provider_earnings', 'statements']);
    expect(third.code).toBe(0);
    const thirdReports = (JSON.parse(third.stdout) as { reports: Report[] }).reports;
    expect(thirdReports.map((one) => [one.projection, one.identical])).toEqual([
      ['statements', true],
      ['provider_earnings', true],
    ]);
    expect(third.stderr).toContain('one pass with statements, provider_earnings');
  }, 90_000);

  it.each([
    { args: ['rebuild', 'nonsense'], message: "unknown projection 'nonsense'" },
    { args: [], message: "a sub-command is required: 'rebuild'" },
    { args: ['refresh'], message: "unknown sub-command 'refresh'" },
  ])('$args is a usage error', async ({ args, message }) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

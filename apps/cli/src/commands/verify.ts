import { ContractNotFoundError, readModelCheckers, verifyContract, type ContractAuditReport } from '@ledger/audit-feature';
import { verifyContractHistory, type ContractStreamEvent, type HistoryVerdict } from '@ledger/contracts-domain';
import type { OutcomeKind } from '@ledger/contracts-model';
import { isValidId } from '@ledger/kernel';
import { InputError, parseCommandLine, UsageError, type Command, type Io } from '../lib/command';
import { readContractExport } from '../lib/export-file';
import { readFrameworkFile } from '../lib/framework-file';
import { withStore } from '../lib/store';

export const verifyCommand: Command = {
  summary: 'check a stored contract or an export file: hash chain, every event re-decided',
  help: `
Usage: ledger verify --contract ID
       ledger verify FILE [--framework FILE]

With FILE, checks a contract's export (NDJSON, one event a line), offline, with no database: the
hash chain, recordedAt never decreasing, and every event re-decided by the rules from the events
before it, its recorded data (amounts, totals and statement hashes included) equal to what the
rules give. Prints a JSON report; exits 1 naming the first bad revision.

With --contract, runs the same checks on the stream in the store (EVENT_STORE, DATABASE_URL,
DATA_DIR), outcome codes against the store's framework, naming every event whose hash fails, then
compares the read models with the fold. Prints a report of every discrepancy with its revision and
what was expected; exits 1 naming the first bad revision. While the server holds the embedded
store, GET /api/audit/contracts/{id}/verify answers the same.

Options:
  --contract ID     the stored contract to check
  --framework FILE  the outcome framework to check outcome codes against (every code ever published
                    counts, retired ones included): an export of the outcome-framework stream or one
                    definition a line as POST /api/outcome-framework/definitions takes it. Without
                    it, outcome codes are not checked, and the report says so.
  -h, --help        show this help
`,
  async run(args, io) {
    const parsed = parseCommandLine(args, { framework: { type: 'string' }, contract: { type: 'string' } }, this, io, 1);
    if (parsed === undefined) return 0;
    const [file] = parsed.positionals;
    const contractId = parsed.values.contract;
    if (contractId !== undefined) {
      if (file !== undefined || parsed.values.framework !== undefined) throw new UsageError('--contract checks the store with its own framework: give either --contract ID or FILE [--framework FILE]');
      return verifyStored(contractId, io);
    }
    if (file === undefined) throw new UsageError('FILE or --contract ID is required');
    const frameworkFile = parsed.values.framework;

    const events = readContractExport(file, io.cwd) as unknown as ContractStreamEvent[];
    const framework = frameworkFile === undefined ? undefined : readFrameworkFile(frameworkFile, io.cwd);
    const verdict = verifyOrExplain(events, framework, file);
    const streamId = (events[0] as unknown as { streamId: string }).streamId;

    if (verdict.ok) {
      io.out(`${JSON.stringify({ file, streamId, ...verdict }, null, 2)}\n`);
      io.err(`verify: ${streamId}: all ${verdict.events} events hold${verdict.note ? ` (${verdict.note})` : ''}\n`);
      return 0;
    }
    const type = events[verdict.revision]?.type;
    io.out(`${JSON.stringify({ file, streamId, ok: false, revision: verdict.revision, ...(type ? { type } : {}), reason: verdict.reason, ...(verdict.note ? { note: verdict.note } : {}) }, null, 2)}\n`);
    io.err(`verify: ${streamId}: revision ${verdict.revision}${type ? ` (${type})` : ''} fails: ${verdict.reason}\n`);
    return 1;
  },
};

function verifyOrExplain(events: ContractStreamEvent[], framework: ReadonlyMap<string, OutcomeKind> | undefined, file: string): HistoryVerdict {
  try {
    return verifyContractHistory(events, framework === undefined ? {} : { framework });
  } catch (error) {
    throw new InputError(`the events of ${file} cannot be checked (${(error as Error).message})`);
  }
}

async function verifyStored(contractId: string, io: Io): Promise<number> {
  if (!isValidId(contractId)) throw new UsageError(`--contract must be a contract id (got '${contractId}')`);
  const report = await withStore(io, `GET /api/audit/contracts/${contractId}/verify`, async (store) => {
    try {
      return await verifyContract(store, contractId, { readModels: readModelCheckers(store.database) });
    } catch (error) {
      if (error instanceof ContractNotFoundError) throw new InputError(error.message);
      throw error;
    }
  });
  io.out(`${JSON.stringify(report, null, 2)}\n`);
  io.err(`${summary(report)}\n`);
  return report.ok ? 0 : 1;
}

function summary(report: ContractAuditReport): string {
  const notes = report.notes.length > 0 ? ` (${report.notes.join('; ')})` : '';
  if (report.ok) return `verify: ${report.streamId}: all ${report.events} events hold${notes}`;
  const [first] = report.discrepancies;
  const more = report.discrepancies.length > 1 ? `; ${report.discrepancies.length - 1} more discrepancies in the report` : '';
  return `verify: ${report.streamId}: revision ${first.revision} fails (${first.check}${first.key ? ` ${first.key}` : ''}): ${first.reason}${more}`;
}

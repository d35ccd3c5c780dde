import { verifyContractHistory, type ContractStreamEvent, type HistoryVerdict } from '@ledger/contracts-domain';
import type { OutcomeKind } from '@ledger/contracts-model';
import { InputError, parseCommandLine, UsageError, type Command } from '../lib/command';
import { readContractExport } from '../lib/export-file';
import { readFrameworkFile } from '../lib/framework-file';

export const verifyCommand: Command = {
  summary: 'check an export file: hash chain, every event re-decided',
  help: `
Usage: ledger verify FILE [--framework FILE]

Checks a contract's export (NDJSON, one event a line), offline, with no database: the hash chain,
recordedAt never decreasing, and every event re-decided by the rules from the events before it, its
recorded data (amounts, totals and statement hashes included) equal to what the rules give.
Prints a JSON report; exits 1 naming the first bad revision.

Options:
  --framework FILE  the outcome framework to check outcome codes against (every code ever published
                    counts, retired ones included): an export of the outcome-framework stream or one
                    definition a line as POST /api/outcome-framework/definitions takes it. Without
                    it, outcome codes are not checked, and the report says so.
  -h, --help        show this help
`,
  async run(args, io) {
    const parsed = parseCommandLine(args, { framework: { type: 'string' } }, this, io, 1);
    if (parsed === undefined) return 0;
    const [file] = parsed.positionals;
    if (file === undefined) throw new UsageError('FILE is required: the export of one contract (NDJSON)');
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

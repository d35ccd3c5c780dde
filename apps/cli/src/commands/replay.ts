import { computeStatements, type FoldEvent, type StatementOptions } from '@ledger/entitlements-domain';
import { isValidDate, parseInstant } from '@ledger/kernel';
import { InputError, parseCommandLine, UsageError, type Command } from '../lib/command';
import { readContractExport } from '../lib/export-file';

export const replayCommand: Command = {
  summary: "print a contract's statements from an export file",
  help: `
Usage: ledger replay FILE [--as-of T] [--through DATE]

Computes a contract's statements from its export (NDJSON, one event a line, as 'ledger export' and
the examples' events.ndjson write it), offline, with no database, through the same fold as the API.
Prints {options, statements: [{statementHash, statement}]} as JSON: every closed statement and, with
--through, the provisional statement of the open period.

Options:
  --as-of T         read only what the ledger knew then: an ISO-8601 instant (events recorded at or
                    before it) or a global position (a decimal integer: events at or before it)
  --through DATE    add the open period's provisional statement through this day (YYYY-MM-DD)
  -h, --help        show this help
`,
  async run(args, io) {
    const parsed = parseCommandLine(args, { 'as-of': { type: 'string' }, through: { type: 'string' } }, this, io, 1);
    if (parsed === undefined) return 0;
    const [file] = parsed.positionals;
    if (file === undefined) throw new UsageError('FILE is required: the export of one contract (NDJSON)');
    const asOfText = parsed.values['as-of'];
    const through = parsed.values.through;
    if (through !== undefined && !isValidDate(through)) throw new UsageError(`--through must be a date YYYY-MM-DD (got '${through}')`);

    // `options` echoes what was asked, as the examples' expected-statements.json files do.
    const printed = { ...(asOfText === undefined ? {} : { asOf: asOfText }), ...(through === undefined ? {} : { provisionalThrough: through }) };
    const options: StatementOptions = {
      ...(asOfText === undefined ? {} : { asOf: asOfOption(asOfText) }),
      ...(through === undefined ? {} : { provisionalThrough: through }),
    };
    const events = readContractExport(file, io.cwd) as FoldEvent[];
    const { closed, provisional } = foldOrExplain(events, options, file);
    const statements = provisional === undefined ? closed : [...closed, provisional];
    io.err(`${events.length} events: ${closed.length} closed statements${provisional ? ' and the provisional one' : ''}\n`);
    io.out(`${JSON.stringify({ options: printed, statements }, null, 2)}\n`);
    return 0;
  },
};

function asOfOption(text: string): NonNullable<StatementOptions['asOf']> {
  if (/^\d+$/.test(text)) return { position: text };
  if (parseInstant(text) !== undefined) return { recordedAt: text };
  throw new UsageError(`--as-of must be an ISO-8601 instant (2024-06-30T23:30:00Z) or a global position (a decimal integer); got '${text}'`);
}

/** Replay trusts its input; events the fold cannot read are bad input, and `verify` is the tool that says why. */
function foldOrExplain(events: FoldEvent[], options: StatementOptions, file: string): ReturnType<typeof computeStatements> {
  try {
    return computeStatements(events, options);
  } catch (error) {
    throw new InputError(`the events of ${file} cannot be folded (${(error as Error).message}); 'ledger verify ${file}' names the first bad revision`);
  }
}

import { randomUUID } from 'node:crypto';
import { cliActor, importSsda903 } from '@ledger/contracts-feature';
import { isRejection, isValidId, londonDate } from '@ledger/kernel';
import { InputError, parseCommandLine, UsageError, type Command } from '../lib/command';
import { readText } from '../lib/export-file';
import { withStore } from '../lib/store';

export const importSsda903Command: Command = {
  summary: "turn an authority's SSDA903 episodes file into a contract's placement events",
  help: `
Usage: ledger import ssda903 --contract ID --episodes FILE [--la NAME] [--urn URN...] [--dry-run] [--skip-invalid]

Reads an SSDA903 episodes file (CSV; the header file is not needed) and appends to the contract the
placement events that make its placements agree with the file: only the difference, so importing a
file twice appends nothing the second time, and a later return appends what changed. Every event is
decided by the contract's rules as the contract's commissioner would send it, and all of them go in
one append: a refusal or a failure imports nothing. See docs/ssda903-import.md for the rules.

Prints a JSON summary on stdout (appended, the events, skipped rows and errors with line, column,
code and message); progress on stderr. A bad row imports nothing and exits 1, unless --skip-invalid.
Opens the store as 'ledger serve' does (EVENT_STORE, DATABASE_URL, DATA_DIR); while the server
holds the embedded store, POST /api/contracts/{id}/imports/ssda903 does the same.

Options:
  --contract ID     the contract the placements belong to
  --episodes FILE   the episodes file
  --la NAME         import only rows whose LA column is NAME
  --urn URN         import only episodes in this setting (repeatable)
  --dry-run         print the events the import would append, append nothing
  --skip-invalid    import the good rows, list the bad ones under "skipped"
  -h, --help        show this help
`,
  async run(args, io) {
    const parsed = parseCommandLine(
      args,
      {
        contract: { type: 'string' },
        episodes: { type: 'string' },
        la: { type: 'string' },
        urn: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' },
        'skip-invalid': { type: 'boolean' },
      },
      this,
      io,
    );
    if (parsed === undefined) return 0;
    const { contract: contractId, episodes, la, urn: urns } = parsed.values;
    if (contractId === undefined) throw new UsageError('--contract ID is required');
    if (!isValidId(contractId)) throw new UsageError(`--contract '${contractId}' is not a contract id`);
    if (episodes === undefined) throw new UsageError('--episodes FILE is required');
    const csvText = readText(episodes, io.cwd);
    const instant = Date.now();
    const commandId = randomUUID();

    const result = await withStore(io, `POST /api/contracts/${contractId}/imports/ssda903`, async (store) => {
      try {
        return await importSsda903(store, {
          contractId,
          csvText,
          la,
          urns,
          skipInvalid: parsed.values['skip-invalid'] === true,
          dryRun: parsed.values['dry-run'] === true,
          actor: cliActor,
          now: { recordedAt: new Date(instant).toISOString(), today: londonDate(instant) },
          commandId,
          correlationId: commandId,
          // The planner reports every 1,000 rows and at the end.
          onProgress: (done, total) => io.err(`import: ${done} of ${total} rows read\n`),
        });
      } catch (error) {
        if (isRejection(error)) throw new InputError(`${error.code}: ${error.message}`);
        throw error;
      }
    });

    io.out(`${JSON.stringify({ file: episodes, ...result }, null, 2)}\n`);
    const { summary } = result;
    if (!result.ok) {
      const first = result.errors[0];
      io.err(`import: ${episodes} line ${first.line} column ${first.column}: ${first.code} ${first.message}; ${result.errors.length} problem(s), nothing was imported\n`);
      return 1;
    }
    const skipped = result.skipped.length > 0 ? `, ${summary.invalidRows} bad row(s) skipped` : '';
    const verb = result.dryRun ? 'would append' : 'appended';
    io.err(`import: ${contractId}: ${summary.rowsRead} rows read, ${summary.placements} placements, ${verb} ${result.events.length} events${skipped}\n`);
    return 0;
  },
};

import { importContractEvents } from '@ledger/audit-feature';
import { parseCommandLine, UsageError, type Command } from '../lib/command';
import { readText } from '../lib/export-file';
import { withStore } from '../lib/store';

export const importCommand: Command = {
  summary: 'restore or migrate a contract stream from an export file',
  help: `
Usage: ledger import events FILE
       ledger import ssda903 --contract ID --episodes FILE [options]   (see 'ledger import ssda903 --help')

Restores or migrates one contract's stream from its export (NDJSON, as 'ledger export' writes it).
The whole file is checked first: its hash chain, and every event re-decided by the rules from the
events before it, outcome codes checked against the store's framework as 'ledger verify' checks
them (every code ever published counts). Then the events the store lacks are appended in one go,
each with its original metadata, so the store seals the same hashes; the global positions are the
store's own. A bad file imports nothing: exit 1 naming its first bad line. Importing a file the
store already holds appends nothing; a longer copy of a stored stream appends the rest.

Options:
  -h, --help        show this help
`,
  async run(args, io) {
    if (args[0] === 'ssda903') return (await import('./import-ssda903')).importSsda903Command.run(args.slice(1), io);
    const parsed = parseCommandLine(args, {}, this, io, 2);
    if (parsed === undefined) return 0;
    const [kind, file] = parsed.positionals;
    if (kind !== 'events') throw new UsageError(kind === undefined ? "what to import is required: 'ledger import events FILE'" : `unknown import '${kind}': 'ledger import events FILE'`);
    if (file === undefined) throw new UsageError('FILE is required: the export of one contract (NDJSON)');
    const text = readText(file, io.cwd);

    const result = await withStore(io, undefined, (store) => importContractEvents(store, text));
    if (!result.ok) {
      io.out(`${JSON.stringify({ file, ...result }, null, 2)}\n`);
      io.err(`import: ${file} line ${result.line}: ${result.reason}; nothing was imported\n`);
      return 1;
    }
    io.out(`${JSON.stringify({ file, ...result }, null, 2)}\n`);
    const notes = result.notes.length > 0 ? ` (${result.notes.join('; ')})` : '';
    io.err(`import: ${result.streamId}: ${result.imported} of ${result.events} events appended, ${result.events - result.imported} already held${notes}\n`);
    return 0;
  },
};

import { ALL_PROJECTIONS, projectionNamed, rebuildProjections } from '@ledger/entitlements-feature';
import { parseCommandLine, UsageError, type Command } from '../lib/command';
import { withStore } from '../lib/store';

const NAMES = ALL_PROJECTIONS.map((projection) => projection.name);

export const projectionsCommand: Command = {
  summary: 'rebuild the read models (projections rebuild [NAME...])',
  help: `
Usage: ledger projections rebuild [NAME...]

Rebuilds the projections named (all of them without a NAME) from the first event, in one pass over
the events, each into a shadow table, with progress on stderr; once they have caught up, swaps them
in for the live tables and prints a diff report of each one's live rows against the rebuilt ones on
stdout (JSON: {reports: [{projection, livePosition, rebuiltPosition, liveRows, rebuiltRows, onlyLive,
onlyRebuilt, changed, differences, identical}]}).
The store is the server's (EVENT_STORE, DATABASE_URL, DATA_DIR). On PostgreSQL it runs beside a
running server; the embedded store serves one process at a time.

Projections: ${NAMES.join(', ')}

Options:
  -h, --help   show this help

Examples:
  npx ledger projections rebuild
  npx ledger projections rebuild statements provider_earnings
`,
  async run(args, io) {
    const parsed = parseCommandLine(args, {}, this, io, 1 + NAMES.length);
    if (parsed === undefined) return 0;
    const [action, ...names] = parsed.positionals;
    if (action !== 'rebuild') throw new UsageError(action === undefined ? "a sub-command is required: 'rebuild'" : `unknown sub-command '${action}'`);
    const unknown = names.find((name) => projectionNamed(name) === undefined);
    if (unknown !== undefined) throw new UsageError(`unknown projection '${unknown}' (one of ${NAMES.join(', ')})`);
    const projections = ALL_PROJECTIONS.filter((projection) => names.length === 0 || names.includes(projection.name));
    const label = projections.map((projection) => projection.name).join(', ');

    const reports = await withStore(io, undefined, async (store) => {
      const started = Date.now();
      let shown = 0;
      const done = await rebuildProjections(store, projections, {
        onProgress: (events, position) => {
          // A line a second at most: a million events must not print a million lines.
          if (Date.now() - shown < 1_000) return;
          shown = Date.now();
          io.err(`${label}: ${events} events, position ${position}, ${rate(events, started)} events/s\n`);
        },
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      for (const report of done) {
        io.err(
          `${report.projection}: rebuilt to position ${report.rebuiltPosition} in ${seconds} s (one pass with ${label}) and swapped in; ` +
            (report.identical ? 'the live table was identical\n' : `${report.onlyLive} rows only live, ${report.onlyRebuilt} only rebuilt, ${report.changed} changed\n`),
        );
      }
      return done;
    });
    io.out(`${JSON.stringify({ reports }, null, 2)}\n`);
    return 0;
  },
};

function rate(events: number, started: number): number {
  const seconds = (Date.now() - started) / 1000;
  return seconds === 0 ? events : Math.round(events / seconds);
}

import { ALL_PROJECTIONS, projectionNamed, rebuildProjection, type RebuildReport } from '@ledger/entitlements-feature';
import { parseCommandLine, UsageError, type Command } from '../lib/command';
import { withStore } from '../lib/store';

const NAMES = ALL_PROJECTIONS.map((projection) => projection.name);

export const projectionsCommand: Command = {
  summary: 'rebuild the read models (projections rebuild [NAME])',
  help: `
Usage: ledger projections rebuild [NAME]

Rebuilds a projection (all of them without NAME) from the first event into a shadow table, with
progress on stderr; once it has caught up, swaps it in for the live table and prints a diff report
of the live rows against the rebuilt ones on stdout (JSON: {reports: [{projection, livePosition,
rebuiltPosition, liveRows, rebuiltRows, onlyLive, onlyRebuilt, changed, differences, identical}]}).
The store is the server's (EVENT_STORE, DATABASE_URL, DATA_DIR). On PostgreSQL it runs beside a
running server; the embedded store serves one process at a time.

Projections: ${NAMES.join(', ')}

Options:
  -h, --help   show this help

Example:
  npx ledger projections rebuild statements
`,
  async run(args, io) {
    const parsed = parseCommandLine(args, {}, this, io, 2);
    if (parsed === undefined) return 0;
    const [action, name] = parsed.positionals;
    if (action !== 'rebuild') throw new UsageError(action === undefined ? "a sub-command is required: 'rebuild'" : `unknown sub-command '${action}'`);
    const projections = name === undefined ? ALL_PROJECTIONS : [projectionNamed(name)];
    if (projections.some((projection) => projection === undefined)) throw new UsageError(`unknown projection '${name}' (one of ${NAMES.join(', ')})`);

    const reports = await withStore(io, undefined, async (store) => {
      const done: RebuildReport[] = [];
      for (const projection of ALL_PROJECTIONS.filter((candidate) => projections.includes(candidate))) {
        const started = Date.now();
        let shown = 0;
        const report = await rebuildProjection(store, projection, {
          onProgress: (events, position) => {
            // A line a second at most: a million events must not print a million lines.
            if (Date.now() - shown < 1_000) return;
            shown = Date.now();
            io.err(`${projection.name}: ${events} events, position ${position}, ${rate(events, started)} events/s\n`);
          },
        });
        io.err(
          `${projection.name}: rebuilt to position ${report.rebuiltPosition} in ${((Date.now() - started) / 1000).toFixed(1)} s and swapped in; ` +
            (report.identical ? 'the live table was identical\n' : `${report.onlyLive} rows only live, ${report.onlyRebuilt} only rebuilt, ${report.changed} changed\n`),
        );
        done.push(report);
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

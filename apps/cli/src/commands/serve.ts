import { serve } from '@ledger/api';
import { parseCommandLine, type Command } from '../lib/command';

export const serveCommand: Command = {
  summary: 'start the HTTP API',
  help: `
Usage: ledger serve [--worker]

Starts the HTTP API (what npm start runs) and serves until Ctrl-C (SIGINT) or SIGTERM,
then closes the event store. Progress goes to stderr.

Options:
  --worker    run the background work only, without the HTTP server
  -h, --help  show this help

Environment (read once at start, see docs/configuration.md):
  EVENT_STORE=pglite|postgres  pglite (embedded, in DATA_DIR) unless set to postgres
  DATABASE_URL                 PostgreSQL URL, required when EVENT_STORE=postgres
  PORT (3000), DATA_DIR (./data), NODE_ENV, LEDGER_CLOCK_HEADER, AUTH_JWT_SECRET, JSON_BODY_LIMIT_BYTES
`,
  async run(args, io) {
    const parsed = parseCommandLine(args, { worker: { type: 'boolean' } }, this, io);
    if (parsed === undefined) return 0;
    await serve({ worker: parsed.values.worker === true, env: io.env, log: (line) => io.err(`${line}\n`) });
    return 0;
  },
};

import { ConfigError, ProductionSecretError, StartupError } from '@ledger/api';
import { InputError, UsageError, type Command, type Io } from './lib/command';

// Each command loads on demand, so `ledger token` does not pay for Nest and `ledger replay` not for a database.
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve')).serveCommand,
  token: async () => (await import('./commands/token')).tokenCommand,
  replay: async () => (await import('./commands/replay')).replayCommand,
  verify: async () => (await import('./commands/verify')).verifyCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  import: async () => (await import('./commands/import')).importCommand,
  projections: async () => (await import('./commands/projections')).projectionsCommand,
};

const SUMMARIES: Record<keyof typeof COMMANDS, string> = {
  serve: 'start the HTTP API (npm start)',
  token: 'print a development bearer token',
  replay: "print a contract's statements from an export file (offline)",
  verify: 'check a stored contract (--contract) or an export file: hash chain, every event re-decided, read models',
  export: "print a contract's stream as NDJSON, from the store",
  import: 'restore or migrate a contract stream from an export file (import events FILE); SSDA903 episodes into placements (import ssda903)',
  projections: 'rebuild the read models into shadow tables, swap them in, print a diff (projections rebuild [NAME...], all in one pass)',
};

function usage(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((name) => name.length));
  return [
    'Usage: ledger <command> [options]',
    '',
    'Commands:',
    ...Object.entries(SUMMARIES).map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    "Run 'ledger <command> --help' for a command's options.",
  ].join('\n');
}

/** Errors whose message is the whole story for the person at the keyboard: no stack trace. */
const PLAIN_ERRORS = [InputError, ConfigError, StartupError, ProductionSecretError];

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io[name === undefined ? 'err' : 'out'](`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    io.err(`ledger: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await (await load()).run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`ledger ${name}: ${error.message}\nRun 'ledger ${name} --help' for usage.\n`);
      return 2;
    }
    if (PLAIN_ERRORS.some((type) => error instanceof type)) {
      io.err(`ledger ${name}: ${(error as Error).message}\n`);
      return 1;
    }
    io.err(`ledger ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

void main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});

import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Io {
  /** Data, as JSON (or a token): what a script pipes on. */
  out(text: string): void;
  /** Progress and errors, for people. */
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface Command {
  summary: string;
  help: string;
  /** Resolves to the exit code. */
  run(args: string[], io: Io): Promise<number>;
}

/** The command line itself is wrong: exit 2 with the message and a pointer to `--help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The input the command was given is unusable (a missing file, a bad line): exit 1 with the message. */
export class InputError extends Error {
  override name = 'InputError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs in strict mode with `--help`/`-h` added; answers `undefined` when help was printed,
 * and turns parse failures into a `UsageError`.
 */
export function parseCommandLine<T extends Options>(args: string[], options: T, command: Command, io: Io, positionals = 0) {
  const config = { args, options: { ...options, help: { type: 'boolean', short: 'h' } } as T & { help: { type: 'boolean'; short: 'h' } }, allowPositionals: true, strict: true } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(`${command.help.trim()}\n`);
    return undefined;
  }
  if (parsed.positionals.length > positionals) throw new UsageError(`Unexpected argument '${parsed.positionals[positionals]}'`);
  return parsed;
}

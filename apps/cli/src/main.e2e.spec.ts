import { runLedger, STACK_FRAME } from './testing/run-ledger';

const COMMANDS = ['serve', 'token', 'replay', 'verify'];

describe('ledger: the command itself', () => {
  it('--help lists every command, on stdout, exit 0', async () => {
    const run = await runLedger(['--help']);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it.each(COMMANDS)('ledger %s --help prints its usage, exit 0', async (command) => {
    const run = await runLedger([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: ledger ${command}`));
    expect(run.stderr).toBe('');
  });

  it.each([
    { name: 'no command', args: [], message: 'Usage: ledger <command>' },
    { name: 'an unknown command', args: ['frobnicate'], message: "unknown command 'frobnicate'" },
    { name: 'an unknown option', args: ['serve', '--port', '80'], message: "Unknown option '--port'" },
  ])('$name: exit 2 with usage on stderr, no stack trace', async ({ args, message }) => {
    const run = await runLedger(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

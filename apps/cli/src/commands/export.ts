import { ContractNotFoundError, exportContract } from '@ledger/audit-feature';
import { isValidId } from '@ledger/kernel';
import { InputError, parseCommandLine, UsageError, type Command } from '../lib/command';
import { withStore } from '../lib/store';

export const exportCommand: Command = {
  summary: "print a contract's stream as NDJSON, from the store",
  help: `
Usage: ledger export --contract ID

Prints a contract's whole stream from the store, one event a line (NDJSON):
{streamId, revision, globalPosition, type, data, metadata}, metadata with its prevHash and hash,
globalPosition the store's own. What 'ledger replay', 'ledger verify FILE' and 'ledger import events'
read. The store is the server's (EVENT_STORE, DATABASE_URL, DATA_DIR); while the server holds the
embedded store, read GET /api/contracts/{id}/events instead.

Options:
  --contract ID     the contract's id
  -h, --help        show this help

Example:
  npx ledger export --contract SWK-BF-2024-001 > SWK-BF-2024-001.ndjson
`,
  async run(args, io) {
    const parsed = parseCommandLine(args, { contract: { type: 'string' } }, this, io);
    if (parsed === undefined) return 0;
    const contractId = parsed.values.contract;
    if (contractId === undefined) throw new UsageError('--contract ID is required');
    if (!isValidId(contractId)) throw new UsageError(`--contract must be a contract id (got '${contractId}')`);

    const text = await withStore(io, `GET /api/contracts/${contractId}/events`, async (store) => {
      try {
        return await exportContract(store, contractId);
      } catch (error) {
        if (error instanceof ContractNotFoundError) throw new InputError(error.message);
        throw error;
      }
    });
    io.out(text);
    io.err(`export: contract-${contractId}: ${text.split('\n').length - 1} events\n`);
    return 0;
  },
};

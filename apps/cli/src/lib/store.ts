import { describeStore, loadConfig } from '@ledger/api';
import { openEventStore, StoreBusyError, type SqlEventStore } from '@ledger/event-store';
import { InputError, type Io } from './command';

/**
 * Opens the store the server would open (`EVENT_STORE`, `DATABASE_URL`, `DATA_DIR`), runs `work`, and closes it.
 * The embedded store serves one process at a time: while another holds it, the command says so, naming the API
 * route that does the same where one exists, rather than waiting.
 */
export async function withStore<T>(io: Io, sameAsRoute: string | undefined, work: (store: SqlEventStore) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env, io.cwd);
  if (config.store.kind === 'esdb') {
    throw new InputError('EVENT_STORE=esdb: the ledger commands run on the pglite or postgres store only; use the API routes');
  }
  let store: SqlEventStore;
  try {
    store = await openEventStore(config.store);
  } catch (error) {
    if (error instanceof StoreBusyError) {
      throw new InputError(`${error.message}${sameAsRoute ? `; the running API answers the same at ${sameAsRoute}` : ''}`);
    }
    throw error;
  }
  io.err(`store: ${describeStore(config.store, io.cwd)}\n`);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

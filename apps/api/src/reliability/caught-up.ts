import { EVENT_STORE_SCHEMA, type StoreWithDatabase } from '@ledger/event-store';
import { readCheckpoint } from '@ledger/entitlements-feature';

/** The position of the last event appended, visible to readers of all or not yet. */
export async function lastAppended(store: StoreWithDatabase): Promise<string> {
  const { rows } = await store.database.query<{ last: string | null }>(`SELECT max(global_position)::text AS last FROM ${EVENT_STORE_SCHEMA}.events`);
  return rows[0]?.last ?? '0';
}

/**
 * Whether the table's stored checkpoint has reached `last`; if not, waits a moment. A runner's step that applies
 * nothing is no proof: readers of all see an event only once every older transaction of the cluster has ended
 * (ADR 0002), and the test databases share their cluster with other suites' transactions.
 */
export async function caughtUp(store: StoreWithDatabase, table: string, last: string): Promise<boolean> {
  if (BigInt((await readCheckpoint(store.database, table)).position) >= BigInt(last)) return true;
  await new Promise((resolve) => setTimeout(resolve, 20));
  return false;
}

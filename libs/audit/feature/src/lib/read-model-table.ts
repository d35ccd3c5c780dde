import { liveTable, readCheckpoint } from '@ledger/entitlements-feature';
import type { SqlQueryable } from '@ledger/event-store';

/** A read model's live rows of one scope and the position they reflect, or why there are none to compare. */
export async function readModelRows<Doc>(
  database: SqlQueryable,
  name: string,
  scope: string,
): Promise<{ skipped: string } | { position: string; rows: Map<string, Doc> }> {
  const table = liveTable(name);
  const { rows: exists } = await database.query<{ table: string | null }>('SELECT to_regclass($1)::text AS table', [table]);
  if (exists[0]?.table == null) return { skipped: `this store has no ${table} table (the projections have never run on it)` };
  const { position } = await readCheckpoint(database, table);
  const { rows } = await database.query<{ key: string; doc: Doc }>(`SELECT key, doc FROM ${table} WHERE scope = $1`, [scope]);
  return { position, rows: new Map(rows.map((row) => [row.key, row.doc])) };
}

/** Whether the projection had reached an event at `globalPosition` when its rows were read. */
export function projectedBy(globalPosition: string, checkpoint: string): boolean {
  return BigInt(globalPosition) <= BigInt(checkpoint);
}

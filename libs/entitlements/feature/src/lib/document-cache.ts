import type { SqlQueryable } from '@ledger/event-store';

type Doc = Record<string, unknown>;

/** Rows per INSERT: PostgreSQL parses each statement's JSON array as one value, so a few MB at most. */
const ROWS_PER_INSERT = 2_000;

/**
 * A batch's changes to one table, taken out of the cache as text: the next batch may change the same documents
 * in memory while these are still being written.
 */
export interface DocumentChanges {
  table: string;
  /** JSON arrays of `{s, k, d}` (scope, key, document), each written by one statement. */
  upserts: string[];
  deletes: { scopes: string[]; keys: string[] };
  count: number;
}

/**
 * A projection's documents as this process knows them: read from its table on a miss, changed in memory while
 * a batch is applied, and written in that batch's transaction. After a rollback the cache is thrown away, so
 * it never holds a change the table does not.
 */
export class DocumentCache {
  private readonly docs = new Map<string, Doc | undefined>();
  private dirty = new Map<string, { scope: string; key: string; doc: Doc | undefined }>();

  constructor(
    private readonly table: string,
    /** True when every row of the table was written by this cache (a rebuild from empty): a miss is then an absence. */
    private complete: boolean,
  ) {}

  async get<T extends Doc>(client: SqlQueryable, scope: string, key: string): Promise<T | undefined> {
    const id = `${scope}\u0000${key}`;
    if (this.docs.has(id) || this.complete) return this.docs.get(id) as T | undefined;
    const { rows } = await client.query<{ doc: T }>(`SELECT doc FROM ${this.table} WHERE scope = $1 AND key = $2`, [scope, key]);
    const doc = rows[0]?.doc;
    this.docs.set(id, doc);
    return doc;
  }

  put(scope: string, key: string, doc: Doc): void {
    const id = `${scope}\u0000${key}`;
    this.docs.set(id, doc);
    this.dirty.set(id, { scope, key, doc });
  }

  /** A row nobody reads back while projecting (a timeline entry): written, not kept in memory. */
  append(scope: string, key: string, doc: Doc): void {
    this.dirty.set(`${scope}\u0000${key}`, { scope, key, doc });
  }

  delete(scope: string, key: string): void {
    const id = `${scope}\u0000${key}`;
    this.docs.set(id, undefined);
    this.dirty.set(id, { scope, key, doc: undefined });
  }

  /**
   * The changes since the last call, serialised now: documents are changed in place by later events, so they
   * are written as they stood at the end of this batch.
   */
  takeChanges(): DocumentChanges {
    const upserts: string[] = [];
    const deletes: DocumentChanges['deletes'] = { scopes: [], keys: [] };
    let rows: string[] = [];
    for (const change of this.dirty.values()) {
      if (change.doc === undefined) {
        deletes.scopes.push(change.scope);
        deletes.keys.push(change.key);
        continue;
      }
      rows.push(JSON.stringify({ s: change.scope, k: change.key, d: change.doc }));
      if (rows.length === ROWS_PER_INSERT) {
        upserts.push(`[${rows.join(',')}]`);
        rows = [];
      }
    }
    if (rows.length > 0) upserts.push(`[${rows.join(',')}]`);
    const count = this.dirty.size;
    this.dirty = new Map();
    return { table: this.table, upserts, deletes, count };
  }

  /** The batch rolled back: forget everything, the table is the truth again. */
  discard(): void {
    this.dirty.clear();
    this.docs.clear();
    this.complete = false;
  }
}

/** Writes one batch's changes to a table, in the caller's transaction. */
export async function writeChanges(client: SqlQueryable, changes: DocumentChanges): Promise<void> {
  for (const rows of changes.upserts) {
    // One JSON parameter per statement: cheaper to send and to parse than three parameters a row.
    await client.query(
      `INSERT INTO ${changes.table} (scope, key, doc)
       SELECT r.s, r.k, r.d FROM jsonb_to_recordset($1::jsonb) AS r(s text, k text, d jsonb)
       ON CONFLICT (scope, key) DO UPDATE SET doc = EXCLUDED.doc`,
      [rows],
    );
  }
  if (changes.deletes.keys.length > 0) {
    await client.query(`DELETE FROM ${changes.table} AS t USING unnest($1::text[], $2::text[]) AS d(scope, key) WHERE t.scope = d.scope AND t.key = d.key`, [
      changes.deletes.scopes,
      changes.deletes.keys,
    ]);
  }
}

import type { SqlQueryable } from '@ledger/event-store';

type Doc = Record<string, unknown>;

/** Rows per multi-row INSERT: 3 parameters each, well under PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1_000;

/**
 * A projection's documents as this process knows them: read from its table on a miss, changed in memory while
 * a batch is applied, and written in that batch's transaction. After a rollback the cache is thrown away, so
 * it never holds a change the table does not.
 */
export class DocumentCache {
  private readonly docs = new Map<string, Doc | undefined>();
  private readonly dirty = new Map<string, { scope: string; key: string; doc: Doc | undefined }>();

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

  async flush(client: SqlQueryable): Promise<void> {
    const upserts: { scope: string; key: string; doc: Doc }[] = [];
    const deletes: { scope: string; key: string }[] = [];
    for (const change of this.dirty.values()) {
      if (change.doc === undefined) deletes.push(change);
      else upserts.push({ scope: change.scope, key: change.key, doc: change.doc });
    }
    for (let start = 0; start < upserts.length; start += ROWS_PER_INSERT) {
      const chunk = upserts.slice(start, start + ROWS_PER_INSERT);
      const params: unknown[] = [];
      const values = chunk.map((row, index) => {
        params.push(row.scope, row.key, JSON.stringify(row.doc));
        return `($${index * 3 + 1}, $${index * 3 + 2}, $${index * 3 + 3}::jsonb)`;
      });
      await client.query(
        `INSERT INTO ${this.table} (scope, key, doc) VALUES ${values.join(', ')}
         ON CONFLICT (scope, key) DO UPDATE SET doc = EXCLUDED.doc`,
        params,
      );
    }
    if (deletes.length > 0) {
      await client.query(`DELETE FROM ${this.table} AS t USING unnest($1::text[], $2::text[]) AS d(scope, key) WHERE t.scope = d.scope AND t.key = d.key`, [
        deletes.map((row) => row.scope),
        deletes.map((row) => row.key),
      ]);
    }
  }

  /** The batch committed: its changes are now the table's. */
  committed(): void {
    this.dirty.clear();
  }

  /** The batch rolled back: forget everything, the table is the truth again. */
  discard(): void {
    this.dirty.clear();
    this.docs.clear();
    this.complete = false;
  }
}

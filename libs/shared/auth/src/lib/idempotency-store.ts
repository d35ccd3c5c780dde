import { APP_ROLE, type SqlExecutor } from '@ledger/event-store';
import type { Actor } from '@ledger/kernel';

/** The first answer to a request that carried an `Idempotency-Key` (spec section 7). */
export interface StoredAnswer {
  /** sha256 of the request (method, path, body): the same key with another request is IDEMPOTENCY_KEY_REUSED. */
  requestHash: string;
  status: number;
  body: unknown;
  etag?: string;
}

export interface IdempotencyStore {
  find(caller: Actor, key: string): Promise<StoredAnswer | undefined>;
  /** Keeps the first answer when two requests with one key race: the later save changes nothing. */
  save(caller: Actor, key: string, answer: StoredAnswer): Promise<void>;
}

/** Spec section 7: keys are kept at least 7 days; older ones are swept as new ones arrive. */
export const KEEP_KEYS_DAYS = 8;

/** For stores without SQL (EventStoreDB): answers are kept for the life of the process. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly answers = new Map<string, { answer: StoredAnswer; savedMs: number }>();

  async find(caller: Actor, key: string): Promise<StoredAnswer | undefined> {
    const found = this.answers.get(slot(caller, key));
    return found && Date.now() - found.savedMs < KEEP_KEYS_DAYS * 86_400_000 ? found.answer : undefined;
  }

  async save(caller: Actor, key: string, answer: StoredAnswer): Promise<void> {
    const id = slot(caller, key);
    if (!this.answers.has(id)) this.answers.set(id, { answer, savedMs: Date.now() });
  }
}

function slot(caller: Actor, key: string): string {
  return JSON.stringify([caller.sub, caller.org, key]);
}

/**
 * The `idempotency_keys` table, in the event store's database but apart from the event tables: these rows are a
 * cache of answers, deleted after a week, while events are append-only.
 */
export class SqlIdempotencyStore implements IdempotencyStore {
  private ready?: Promise<void>;

  constructor(private readonly database: SqlExecutor) {}

  async find(caller: Actor, key: string): Promise<StoredAnswer | undefined> {
    await this.ensureTable();
    const { rows } = await this.database.query<{ request_hash: string; status: number; body: string }>(
      'SELECT request_hash, status, body FROM idempotency_keys WHERE caller_sub = $1 AND caller_org = $2 AND key = $3 AND created_at > now() - make_interval(days => $4)',
      [caller.sub, caller.org, key, KEEP_KEYS_DAYS],
    );
    if (rows.length === 0) return undefined;
    const stored = JSON.parse(rows[0].body) as { body: unknown; etag?: string };
    return { requestHash: rows[0].request_hash, status: Number(rows[0].status), body: stored.body, ...(stored.etag === undefined ? {} : { etag: stored.etag }) };
  }

  async save(caller: Actor, key: string, answer: StoredAnswer): Promise<void> {
    await this.ensureTable();
    await this.database.query('DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(days => $1)', [KEEP_KEYS_DAYS]);
    await this.database.query(
      'INSERT INTO idempotency_keys (caller_sub, caller_org, key, request_hash, status, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [caller.sub, caller.org, key, answer.requestHash, answer.status, JSON.stringify({ body: answer.body, etag: answer.etag })],
    );
  }

  private ensureTable(): Promise<void> {
    this.ready ??= this.database
      .transaction(
        async (client) => {
          await client.query(`CREATE TABLE IF NOT EXISTS idempotency_keys (
            caller_sub text NOT NULL,
            caller_org text NOT NULL,
            key text NOT NULL,
            request_hash text NOT NULL,
            status integer NOT NULL,
            body text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (caller_sub, caller_org, key)
          )`);
          await client.query(`GRANT SELECT, INSERT, DELETE ON idempotency_keys TO ${APP_ROLE}`);
        },
        { role: 'owner' },
      )
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }
}

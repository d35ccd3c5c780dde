import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eventIdFor, type UnsealedMetadata } from '@ledger/kernel';
import { createTestDatabase, postgresTestUrl, type TestDatabase } from '@ledger/testing';
import { Client } from 'pg';
import { openEventStore } from '../../open-event-store';
import { migrate, MIGRATIONS } from '../../sql/migrations';
import { NOTIFIER_NAME } from '../../sql/postgres-executor';
import { verifyChain } from '../../verify-chain';
import type { SqlEventStore } from './sql-event-store';

const metadata: UnsealedMetadata = {
  actor: { sub: 'user-1', role: 'commissioner', org: 'LA-TEST' },
  commandId: 'c',
  correlationId: 'k',
  recordedAt: '2025-01-15T10:00:00.000Z',
  schemaVersion: 1,
};
const event = (command: string, index = 0, data: unknown = { note: 'agreed at £120 a day' }) => ({
  id: eventIdFor(command, index),
  type: 'Happened',
  data,
  metadata: { ...metadata, commandId: command },
});

async function sqlError(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

/** What only a SQL store has: migrations, the application role, the append-only triggers, tampering caught. */
function describeSqlGuards(name: string, open: () => Promise<SqlEventStore>): void {
  describe(`SQL event store guards: ${name}`, () => {
    let store: SqlEventStore;
    beforeAll(async () => {
      store = await open();
      await store.appendToStream('guarded-1', [event('g1', 0), event('g1', 1), event('g1', 2), event('g1', 3)], { expectedRevision: 'no_stream' });
    });
    afterAll(async () => {
      await store?.close();
    });

    it('records its migrations and works as the application role', async () => {
      const { rows } = await store.database.query<{ version: number }>('SELECT version FROM event_store.migrations ORDER BY version');
      expect(rows.map((row) => Number(row.version))).toEqual(MIGRATIONS.map((migration) => migration.version));
      const [who] = (await store.database.query<{ role: string }>('SELECT current_user AS role')).rows;
      expect(who.role).toBe('ledger_app');
    });

    const privileges: Array<[string, string, boolean]> = [
      ['event_store.events', 'SELECT', true],
      ['event_store.events', 'INSERT', true],
      ['event_store.events', 'UPDATE', false],
      ['event_store.events', 'DELETE', false],
      ['event_store.events', 'TRUNCATE', false],
      ['event_store.streams', 'UPDATE', true],
      ['event_store.streams', 'DELETE', false],
      ['event_store.streams', 'TRUNCATE', false],
    ];
    it.each(privileges)('ledger_app on %s: %s is %s', async (table, privilege, granted) => {
      const { rows } = await store.database.query<{ granted: boolean }>(`SELECT has_table_privilege('ledger_app', $1, $2) AS granted`, [table, privilege]);
      expect(rows[0].granted).toBe(granted);
    });

    const refusals: Array<[string, 'app' | 'owner', string, string]> = [
      ['the application cannot update an event', 'app', `UPDATE event_store.events SET type = 'X'`, '42501'],
      ['the application cannot delete an event', 'app', 'DELETE FROM event_store.events', '42501'],
      ['the owner cannot update an event', 'owner', `UPDATE event_store.events SET type = 'X'`, '23001'],
      ['the owner cannot delete an event', 'owner', 'DELETE FROM event_store.events', '23001'],
      ['the owner cannot truncate the events', 'owner', 'TRUNCATE event_store.events', '23001'],
      ['the owner cannot delete a stream head', 'owner', 'DELETE FROM event_store.streams', '23001'],
      ['no one moves a stream head back', 'owner', 'UPDATE event_store.streams SET revision = 0', '23001'],
      ['no one leaves a stream head where it is', 'owner', 'UPDATE event_store.streams SET head_hash = head_hash', '23001'],
      ['no one moves a stream head to another stream', 'owner', `UPDATE event_store.streams SET stream_id = 'moved-' || stream_id, revision = revision + 1`, '23001'],
      ['no one inserts an event at a position outside its transaction', 'owner',
        `INSERT INTO event_store.events (global_position, stream_id, revision, event_id, type, data, metadata, recorded_at)
         VALUES (1, 'forged', 0, gen_random_uuid(), 'X', '{}', '{}', now())`, '23514'],
    ];
    it.each(refusals)('%s', async (_name, role, sql, code) => {
      expect(await sqlError(store.database.transaction((tx) => tx.query(sql), { role }))).toBe(code);
      expect(await store.streamRevision('guarded-1')).toBe(3);
    });

    it('a stored event edited behind the triggers breaks the chain at its revision', async () => {
      await store.appendToStream('tampered-1', [event('t1', 0), event('t1', 1), event('t1', 2), event('t1', 3)], { expectedRevision: 'no_stream' });
      expect(verifyChain(await store.readStream('tampered-1'))).toBeUndefined();
      await store.database.transaction(
        async (tx) => {
          await tx.query('ALTER TABLE event_store.events DISABLE TRIGGER events_append_only');
          await tx.query(`UPDATE event_store.events SET data = jsonb_set(data, '{note}', '"agreed at £130 a day"') WHERE stream_id = 'tampered-1' AND revision = 2`);
          await tx.query('ALTER TABLE event_store.events ENABLE TRIGGER events_append_only');
        },
        { role: 'owner' },
      );
      const events = await store.readStream('tampered-1');
      expect(events[2].data).toEqual({ note: 'agreed at £130 a day' });
      expect(verifyChain(events)).toEqual({ revision: 2, reason: 'hash does not match the event' });
      expect(verifyChain(await store.readStream('guarded-1'))).toBeUndefined();
    });

    it('lets read models keep their rows and checkpoint in the same database, in one transaction', async () => {
      await store.database.transaction((tx) => tx.query('CREATE TABLE public.rm_counts (stream_id text PRIMARY KEY, events int NOT NULL)'), { role: 'owner' });
      await store.database.transaction((tx) => tx.query('GRANT SELECT, INSERT, UPDATE, DELETE ON public.rm_counts TO ledger_app'), { role: 'owner' });
      const failed = store.database.transaction(async (tx) => {
        await tx.query(`INSERT INTO public.rm_counts VALUES ('guarded-1', 4)`);
        throw new Error('projection failed half way');
      });
      await expect(failed).rejects.toThrow('half way');
      await store.database.transaction((tx) => tx.query(`INSERT INTO public.rm_counts VALUES ('guarded-1', 4)`));
      const { rows } = await store.database.query<{ events: number }>('SELECT events FROM public.rm_counts');
      expect(rows).toEqual([{ events: 4 }]);
    });
  });
}

describeSqlGuards('PGlite, in memory', () => openEventStore({ kind: 'pglite' }));

/** A store opened on a database at migration 2: migration 3 applied, appends go on, the head guards still refuse. */
async function expectUpgraded(store: SqlEventStore): Promise<void> {
  try {
    await store.appendToStream('upgraded-1', [event('u1', 0), event('u1', 1)], { expectedRevision: 'no_stream' });
    await store.appendToStream('upgraded-1', [event('u2', 0)], { expectedRevision: 1 });
    expect(verifyChain(await store.readStream('upgraded-1'))).toBeUndefined();
    const asOwner = (sql: string) => store.database.transaction((tx) => tx.query(sql), { role: 'owner' });
    expect(await sqlError(asOwner('UPDATE event_store.streams SET revision = 0'))).toBe('23001');
    expect(await sqlError(asOwner('DELETE FROM event_store.streams'))).toBe('23001');
    const { rows } = await asOwner(`SELECT reloptions FROM pg_class WHERE oid = 'event_store.streams'::regclass`);
    expect(rows).toEqual([{ reloptions: ['fillfactor=70'] }]);
    expect(await store.streamRevision('upgraded-1')).toBe(2);
  } finally {
    await store.close();
  }
}

it('upgrades a PGlite data folder made before the stream heads moved cheaply', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-upgrade-'));
  try {
    const older = await PGlite.create(path.join(dataDir, 'pglite'));
    await migrate({ exec: (sql) => older.exec(sql), query: (sql, params) => older.query(sql, params) }, MIGRATIONS.slice(0, 2));
    await older.close();
    await expectUpgraded(await openEventStore({ kind: 'pglite', dataDir }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const url = postgresTestUrl('SQL event store guards: PostgreSQL');
if (url) {
  describe('PostgreSQL', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(url);
    });
    afterAll(async () => {
      await database?.drop();
    });

    describeSqlGuards('PostgreSQL', () => openEventStore({ kind: 'postgres', connectionString: database.url }));

    it('opening again applies no migration twice', async () => {
      const again = await openEventStore({ kind: 'postgres', connectionString: database.url });
      await again.close();
      const owner = new Client({ connectionString: database.url });
      await owner.connect();
      try {
        const { rows } = await owner.query('SELECT version FROM event_store.migrations ORDER BY version');
        expect(rows).toEqual(MIGRATIONS.map((migration) => ({ version: migration.version })));
      } finally {
        await owner.end();
      }
    });

    it('upgrades a database made before the stream heads moved cheaply', async () => {
      const older = await createTestDatabase(url);
      const owner = new Client({ connectionString: older.url });
      await owner.connect();
      try {
        await migrate({ exec: (sql) => owner.query(sql), query: async (sql, params) => ({ rows: (await owner.query(sql, params)).rows }) }, MIGRATIONS.slice(0, 2));
        await expectUpgraded(await openEventStore({ kind: 'postgres', connectionString: older.url }));
      } finally {
        await owner.end();
        await older.drop();
      }
    });

    it('announces from a connection of its own, and from a new one after that connection was terminated', async () => {
      const store = await openEventStore({ kind: 'postgres', connectionString: database.url });
      const admin = new Client({ connectionString: database.url });
      await admin.connect();
      let heard = 0;
      const unlisten = await store.database.listen('guards_test', () => {
        heard += 1;
      });
      const hear = async (count: number) => {
        for (let attempt = 0; heard < count && attempt < 200; attempt++) await new Promise((resolve) => setTimeout(resolve, 25));
        expect(heard).toBe(count);
      };
      try {
        await store.database.notify('guards_test');
        await hear(1);
        const { rows } = await admin.query('SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [NOTIFIER_NAME]);
        expect(rows).toEqual([{ ended: true }]);
        // The first notification after the loss may fail with it; the next one comes from a new connection.
        const first = await store.database.notify('guards_test').then(() => 1, () => 0);
        await store.database.notify('guards_test');
        await hear(1 + first + 1);
      } finally {
        await unlisten();
        await admin.end();
        await store.close();
      }
    });

    it('holds back events committed after an older transaction that is still writing, then gives both in order', async () => {
      const store = await openEventStore({ kind: 'postgres', connectionString: database.url });
      const slow = new Client({ connectionString: database.url });
      await slow.connect();
      try {
        const before = await store.readAll();
        const after = before.length ? before[before.length - 1].globalPosition : undefined;
        // The slow writer takes its transaction id first, then the fast one appends and commits.
        await slow.query('BEGIN');
        await slow.query(
          `INSERT INTO event_store.events (global_position, stream_id, revision, event_id, type, data, metadata, recorded_at)
           VALUES ((pg_current_xact_id()::text::bigint << 16), 'slow-1', 0, $1, 'Happened', '{}', '{}', now())`,
          [eventIdFor('slow', 0)],
        );
        const fast = await store.appendToStream('fast-1', [event('fast')], { expectedRevision: 'no_stream' });
        expect(await store.readStream('fast-1')).toHaveLength(1);
        expect(await store.readAll({ after })).toEqual([]);
        await slow.query('COMMIT');
        // Once no older transaction is open anywhere on the cluster both are visible, in position order.
        let all = await store.readAll({ after });
        for (let attempt = 0; all.length < 2 && attempt < 600; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          all = await store.readAll({ after });
        }
        expect(all.map((e) => e.streamId)).toEqual(['slow-1', 'fast-1']);
        expect(all[1].globalPosition).toBe(fast.globalPosition);
      } finally {
        await slow.end();
        await store.close();
      }
    });
  });
} else {
  // Skipped on purpose: these tests need a PostgreSQL server, and `npm test` without DATABASE_URL runs on PGlite
  // alone (it says so in its first line). CI sets DATABASE_URL, so there they always run.
  describe.skip('SQL event store guards: PostgreSQL (skipped: DATABASE_URL is not set)', () => {
    it.todo('runs when DATABASE_URL is set');
  });
}

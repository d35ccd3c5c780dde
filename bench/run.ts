import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Pool } from 'pg';
import { openEventStore, type SqlEventStore } from '@ledger/event-store';
import { ALL_PROJECTIONS, rebuildProjections } from '@ledger/entitlements-feature';
import type { GeneratorParameters } from './generate';
import { contractsFor, loadDataset, type LoadedDataset } from './lib/dataset';
import { Figures, format, progress, table, timed } from './lib/figures';
import { measureHttp } from './lib/http';
import { measureFold, measureRebuilds, REBUILD_TARGET } from './lib/rebuild-and-fold';
import { measureAppends, measureReadAll, PLAIN_DDL, type PlainSql } from './lib/store-bench';

const SECTIONS = ['appends', 'read', 'rebuild', 'fold', 'http', 'pglite'] as const;
type Section = (typeof SECTIONS)[number];

const USAGE = `Usage: npm run bench -- [--only ${SECTIONS.join(',')}] [--events N] [--quick] [--seed N]

Measures the ledger on this machine beside plain pg on the same PostgreSQL (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/postgres) in a database of its own, dropped at the end. Progress on stderr,
the table on stdout, every figure in bench/results.json.`;

const APPEND_TARGET = 0.6;
const READ_TARGET = 0.5;

interface Scale {
  events: number;
  singleAppends: { one: number; eight: number };
  batchAppends: { one: number; eight: number };
  readBatch: number;
  httpSeconds: number;
  foldRuns: number;
  pglite: { singleAppends: number; batchAppends: number; events: number };
}

function scaleOf(quick: boolean, events: number | undefined): Scale {
  return quick
    ? {
        events: events ?? 20_000,
        singleAppends: { one: 1_000, eight: 2_000 },
        batchAppends: { one: 50, eight: 80 },
        readBatch: 1_000,
        httpSeconds: 5,
        foldRuns: 3,
        pglite: { singleAppends: 500, batchAppends: 20, events: 5_000 },
      }
    : {
        events: events ?? 1_000_000,
        singleAppends: { one: 4_000, eight: 8_000 },
        batchAppends: { one: 300, eight: 800 },
        readBatch: 1_000,
        httpSeconds: 15,
        foldRuns: 7,
        pglite: { singleAppends: 2_000, batchAppends: 100, events: 50_000 },
      };
}

function generatorFor(seed: number, events: number): GeneratorParameters {
  // England: 153 councils and about 5,600 providers; eighteen months of each contract's life.
  return { seed, contracts: contractsFor(events), commissioners: 153, providers: 5_600, activity: 1, firstMonth: '2024-04', months: 18 };
}

function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

function pgPlain(pool: Pool): PlainSql {
  // An idle client dropped by the server (the database dropped at the end) must not crash the run.
  pool.on('error', (error) => progress(`plain pool: ${error.message}`));
  return { query: (text, values, name) => pool.query({ name, text, values }) };
}

function pglitePlain(store: SqlEventStore): PlainSql {
  return { query: (sql, params) => store.database.query(sql, params, { prepare: true }) };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      events: { type: 'string' },
      quick: { type: 'boolean' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const only = values.only === undefined ? [...SECTIONS] : values.only.split(',').map((name) => name.trim());
  const unknown = only.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}: choose from ${SECTIONS.join(', ')}`);
  const selected = new Set(only as Section[]);
  const quick = values.quick === true;
  const eventsArg = values.events === undefined ? undefined : Number(values.events);
  if (eventsArg !== undefined && !(Number.isInteger(eventsArg) && eventsArg > 0)) throw new Error('--events must be a positive integer');
  const seed = values.seed === undefined ? 20_261_127 : Number(values.seed);
  const scale = scaleOf(quick, eventsArg);
  const base = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `ledger_bench_${Date.now()}`;
  const databases = [`${name}_appends`, name];
  const figures = new Figures();
  const admin = new Client({ connectionString: base });
  await admin.connect();
  const closing: (() => Promise<unknown>)[] = [];
  let cleaning: Promise<void> | undefined;
  // Once, however many ways the run ends (its end, a failure, Ctrl-C); every caller waits for the same work.
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      for (const close of closing.reverse()) await close().catch(() => undefined);
      for (const database of databases) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    })());
  const fail = (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    void cleanUp().finally(() => process.exit(1));
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  process.once('SIGINT', () => {
    progress('interrupted: dropping the bench databases');
    void cleanUp().finally(() => process.exit(130));
  });

  const started = new Date();
  const pgVersion = (await admin.query<{ version: string }>('SELECT version()')).rows[0].version;
  let dataset: LoadedDataset | undefined;
  try {
    for (const database of databases) await admin.query(`CREATE DATABASE ${database}`);
    progress(`databases ${databases.join(', ')} created (${quick ? 'quick' : 'full'} run, sections: ${[...selected].join(', ')})`);

    if (selected.has('appends')) {
      const url = databaseUrl(base, databases[0]);
      const setup = new Client({ connectionString: url });
      await setup.connect();
      await setup.query(PLAIN_DDL);
      await setup.end();
      for (const writers of [1, 8]) {
        const store = await openEventStore({ kind: 'postgres', connectionString: url, poolSize: writers });
        const pool = new Pool({ connectionString: url, max: writers });
        try {
          const single = writers === 1 ? scale.singleAppends.one : scale.singleAppends.eight;
          const batch = writers === 1 ? scale.batchAppends.one : scale.batchAppends.eight;
          await measureAppends('postgres', 'appends', { writers, appends: single, eventsPerAppend: 1 }, store, pgPlain(pool), figures, APPEND_TARGET);
          await measureAppends('postgres', 'appends', { writers, appends: batch, eventsPerAppend: 100 }, store, pgPlain(pool), figures, APPEND_TARGET);
        } finally {
          await store.close();
          await pool.end();
        }
      }
    }

    const url = databaseUrl(base, name);
    const needsData = selected.has('read') || selected.has('rebuild') || selected.has('http');
    if (needsData) {
      const store = await openEventStore({ kind: 'postgres', connectionString: url, poolSize: 4 });
      closing.push(() => store.close());
      const parameters = generatorFor(seed, scale.events);
      progress(`load: deciding and appending ${parameters.contracts} contracts (about ${scale.events} events, seed ${seed})`);
      dataset = await loadDataset(store, parameters, 4);
      figures.add({
        section: 'load',
        name: 'generate (decide) and append the data set',
        value: dataset.events / dataset.seconds,
        unit: 'events/s',
        note: `${dataset.events} events, ${parameters.contracts} contracts, ${dataset.seconds.toFixed(1)} s; ${dataset.tally.commands} commands decided, refused: ${JSON.stringify(dataset.tally.refused)}`,
      });

      if (selected.has('read')) {
        const reader = await openEventStore({ kind: 'postgres', connectionString: url, poolSize: 1 });
        const pool = new Pool({ connectionString: url, max: 1 });
        try {
          await measureReadAll('read', reader, pgPlain(pool), scale.readBatch, figures, READ_TARGET);
        } finally {
          await reader.close();
          await pool.end();
        }
      }
      if (selected.has('rebuild')) await measureRebuilds('rebuild', store, dataset.events, figures, REBUILD_TARGET);
      else if (selected.has('http')) {
        progress('http: bringing every read model up to date first (not timed)');
        await rebuildProjections(store, ALL_PROJECTIONS);
      }
    }

    if (selected.has('fold')) measureFold('fold', figures, scale.foldRuns);

    if (selected.has('http') && dataset) {
      // A running system is vacuumed and analysed; right after a bulk load of a million rows autovacuum would
      // otherwise be working through them during the measurement, on the same two cores.
      progress('http: VACUUM ANALYZE after the load (not timed)');
      const owner = new Client({ connectionString: url });
      await owner.connect();
      await owner.query('VACUUM (ANALYZE)').finally(() => owner.end());
      await measureHttp(
        'http',
        {
          databaseUrl: url,
          durationSeconds: scale.httpSeconds,
          placementRate: 200,
          connections: 20,
          contracts: dataset.contracts,
          closedPeriod: '2024-06',
          placementStart: '2025-10-06',
        },
        figures,
      );
    }

    if (selected.has('pglite')) await measurePglite(scale, seed, figures);
  } finally {
    await cleanUp();
  }

  const finished = new Date();
  const results = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    mode: quick ? 'quick' : 'full',
    sections: [...selected],
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryMb: Math.round(os.totalmem() / 1024 / 1024),
      node: process.version,
      postgres: pgVersion,
      note: 'shared machine: other engineers may run tests at the same time',
    },
    parameters: { scale, seed, generator: dataset?.parameters, refused: dataset?.tally.refused, loadedEvents: dataset?.events },
    figures: figures.all,
    unavailable: figures.unavailable,
  };
  writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table(figures)}\n`);
  progress(`done in ${format((finished.getTime() - started.getTime()) / 1000)} s; bench/results.json written`);
  return 0;
}

/** The embedded store: one process, one connection, so one writer; at a smaller scale, said so in the figures. */
async function measurePglite(scale: Scale, seed: number, figures: Figures): Promise<void> {
  const section = 'pglite';
  progress(`${section}: in-memory PGlite`);
  const store = await openEventStore({ kind: 'pglite' });
  try {
    await store.database.transaction(
      async (client) => {
        for (const statement of PLAIN_DDL.split(';').filter((text) => text.trim() !== '')) await client.query(statement);
        await client.query('GRANT USAGE ON SCHEMA bench_plain TO ledger_app');
        await client.query('GRANT SELECT, INSERT ON bench_plain.events TO ledger_app');
      },
      { role: 'owner' },
    );
    const plain = pglitePlain(store);
    await measureAppends('pglite', section, { writers: 1, appends: scale.pglite.singleAppends, eventsPerAppend: 1 }, store, plain, figures, undefined);
    await measureAppends('pglite', section, { writers: 1, appends: scale.pglite.batchAppends, eventsPerAppend: 100 }, store, plain, figures, undefined);
    const parameters = generatorFor(seed, scale.pglite.events);
    progress(`${section}: loading ${parameters.contracts} contracts`);
    const { result: loaded } = await timed(() => loadDataset(store, parameters, 1));
    const total = await measureReadAll(section, store, plain, scale.readBatch, figures, undefined);
    await measureRebuilds(section, store, total, figures, undefined);
    progress(`${section}: ${loaded.events} generated events (${total} with the append runs)`);
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

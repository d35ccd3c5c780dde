import type { EventStore, EventToAppend, ExpectedRevision } from '@ledger/event-store';
import { uuidV5 } from '@ledger/kernel';
import { type Figures, progress, timed } from './figures';

/** Plain SQL on the same database: the ceiling each store figure is set beside. */
export interface PlainSql {
  query(sql: string, params: unknown[], name: string): Promise<{ rows: unknown[] }>;
}

export const PLAIN_TABLE = 'bench_plain.events';

/** A comparable table: the same columns and payloads, with the uniqueness a store needs (event id, stream revision), nothing else. */
export const PLAIN_DDL = `
CREATE SCHEMA IF NOT EXISTS bench_plain;
CREATE TABLE IF NOT EXISTS ${PLAIN_TABLE} (
  id uuid PRIMARY KEY,
  stream text NOT NULL,
  revision bigint NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  UNIQUE (stream, revision)
);`;

const NAMESPACE = '6a3f1d2e-8b47-4c59-a0e1-3d5c7b9f2e14';
const STREAMS = 1_000;
const TURNS = 10;

/** A placement start as the API writes it: a realistic size for data and metadata. */
function eventFor(id: string, n: number): EventToAppend {
  return {
    id,
    type: 'PlacementStarted',
    data: { placementId: `PL-${n}`, childRef: `CH-${n % 9_973}`, startDate: '2025-06-02', placementType: 'U4' },
    metadata: {
      actor: { sub: 'la-007-officer', role: 'commissioner', org: 'LA-007' },
      commandId: id,
      correlationId: id,
      recordedAt: '2025-06-02T09:15:00.000Z',
      schemaVersion: 1,
    },
  };
}

const SEALED = { prevHash: '0'.repeat(64), hash: 'f'.repeat(64) };

export interface AppendCase {
  writers: number;
  appends: number;
  eventsPerAppend: number;
}

/**
 * Runs the appends `from` to `to` (exclusive) of a case spread over 1,000 streams: append `index` goes to stream
 * `index % 1,000`, so the streams, their heads and revisions carry on from one turn to the next; a stream always
 * goes to the same writer, so writers never conflict.
 */
async function drive(writers: number, from: number, to: number, work: (index: number) => Promise<void>): Promise<number> {
  const { seconds } = await timed(() =>
    Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let index = from; index < to; index++) if ((index % STREAMS) % writers === writer) await work(index);
      }),
    ),
  );
  return seconds;
}

function batches(prefix: string, testCase: AppendCase): EventToAppend[][] {
  return Array.from({ length: testCase.appends }, (_, index) =>
    Array.from({ length: testCase.eventsPerAppend }, (_, j) => {
      const n = index * testCase.eventsPerAppend + j;
      return eventFor(uuidV5(`${prefix}:${n}`, NAMESPACE), n);
    }),
  );
}

/** Append `index` is its stream's `index / 1,000`th, after that many appends of `eventsPerAppend` events. */
function expectedFor(index: number, eventsPerAppend: number): ExpectedRevision {
  const round = Math.floor(index / STREAMS);
  return round === 0 ? 'no_stream' : round * eventsPerAppend - 1;
}

/** Store appends against plain INSERTs of the same rows, same writers, same number of connections. */
export async function measureAppends(
  label: string,
  section: string,
  testCase: AppendCase,
  store: EventStore,
  plain: PlainSql,
  figures: Figures,
  minRatio: number | undefined,
): Promise<void> {
  const run = `${label}-${testCase.writers}w-${testCase.eventsPerAppend}e-${Date.now()}`;
  progress(`${section}: ${label}, ${testCase.appends} appends of ${testCase.eventsPerAppend} by ${testCase.writers} writer(s)`);
  const warmStore = batches(`warm-store-${run}`, { ...testCase, appends: Math.min(testCase.appends, 200) });
  const warmPlain = batches(`warm-plain-${run}`, { ...testCase, appends: Math.min(testCase.appends, 200) });
  const storeBatches = batches(`store-${run}`, testCase);
  const plainBatches = batches(`plain-${run}`, testCase);
  const perAppend = testCase.eventsPerAppend;
  const columns = 6;
  const insertSql = `INSERT INTO ${PLAIN_TABLE} (id, stream, revision, type, data, metadata) VALUES ${Array.from(
    { length: perAppend },
    (_, row) => `(${Array.from({ length: columns }, (_, c) => `$${row * columns + c + 1}`).join(', ')})`,
  ).join(', ')}`;
  const statementName = `bench_insert_${perAppend}`;

  const storeAppend = (prefix: string, all: EventToAppend[][]) => (index: number) =>
    store.appendToStream(`${prefix}-${index % STREAMS}`, all[index], { expectedRevision: expectedFor(index, perAppend) }).then(() => undefined);
  const plainInsert = (prefix: string, all: EventToAppend[][]) => (index: number) => {
    const round = Math.floor(index / STREAMS);
    const params: unknown[] = [];
    all[index].forEach((event, j) => {
      params.push(event.id, `${prefix}-${index % STREAMS}`, round * perAppend + j, event.type, JSON.stringify(event.data), JSON.stringify({ ...event.metadata, ...SEALED }));
    });
    return plain.query(insertSql, params, statementName).then(() => undefined);
  };

  await drive(testCase.writers, 0, warmStore.length, storeAppend(`warm-${run}`, warmStore));
  await drive(testCase.writers, 0, warmPlain.length, plainInsert(`warm-${run}`, warmPlain));
  // Plain and store take turns, a tenth of the appends each time and each going first every other turn, so a
  // burst of other work on this shared machine (or a slow disk flush) falls on both sides rather than on one.
  let plainSeconds = 0;
  let storeSeconds = 0;
  const turnRatios: number[] = [];
  const share = Math.ceil(testCase.appends / TURNS);
  for (let turn = 0; turn < TURNS; turn++) {
    const from = turn * share;
    const to = Math.min(testCase.appends, from + share);
    if (from >= to) break;
    const plainTurn = () => drive(testCase.writers, from, to, plainInsert(`plain-${run}`, plainBatches));
    const storeTurn = () => drive(testCase.writers, from, to, storeAppend(`store-${run}`, storeBatches));
    let plainTime: number;
    let storeTime: number;
    if (turn % 2 === 0) {
      plainTime = await plainTurn();
      storeTime = await storeTurn();
    } else {
      storeTime = await storeTurn();
      plainTime = await plainTurn();
    }
    plainSeconds += plainTime;
    storeSeconds += storeTime;
    turnRatios.push(plainTime / storeTime);
  }
  const events = testCase.appends * perAppend;
  const spread = `${Math.round(Math.min(...turnRatios) * 100)}-${Math.round(Math.max(...turnRatios) * 100)}%`;
  figures.rate(
    section,
    `append ${perAppend === 1 ? 'one event' : `${perAppend} events`}, ${testCase.writers} writer${testCase.writers === 1 ? '' : 's'}`,
    events / storeSeconds,
    events / plainSeconds,
    minRatio,
    `${testCase.appends} appends over ${STREAMS} streams, ${testCase.writers} connection(s) each side, ${turnRatios.length} turns each (store/plain per turn ${spread})`,
  );
}

/** Reads every event in global order, batch after batch, against the plain ordered SELECT of the same rows. */
export async function measureReadAll(
  section: string,
  store: EventStore,
  plain: PlainSql,
  batchSize: number,
  figures: Figures,
  minRatio: number | undefined,
  plainSql = `SELECT stream_id, revision, global_position, event_id, type, data, metadata FROM event_store.events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
): Promise<number> {
  progress(`${section}: read all in batches of ${batchSize}`);
  const readStore = async () => {
    let after: string | undefined;
    let count = 0;
    for (;;) {
      const batch = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: batchSize });
      if (batch.length === 0) return count;
      count += batch.length;
      after = batch[batch.length - 1].globalPosition;
    }
  };
  const readPlain = async () => {
    let after = '-1';
    let count = 0;
    for (;;) {
      const { rows } = (await plain.query(plainSql, [after, batchSize], 'bench_read_all')) as { rows: { global_position: string }[] };
      if (rows.length === 0) return count;
      count += rows.length;
      after = String(rows[rows.length - 1].global_position);
    }
  };
  // once each to warm the cache, then measured
  await readPlain();
  await readStore();
  let plainSeconds = 0;
  let storeSeconds = 0;
  let events = 0;
  for (let round = 0; round < 2; round++) {
    const plainRun = await timed(readPlain);
    const storeRun = await timed(readStore);
    if (plainRun.result !== storeRun.result) throw new Error(`read all: the store returned ${storeRun.result} events, the plain SELECT ${plainRun.result}`);
    plainSeconds += plainRun.seconds;
    storeSeconds += storeRun.seconds;
    events = storeRun.result;
  }
  figures.rate(section, `read all (batches of ${batchSize})`, events / storeSeconds, events / plainSeconds, minRatio, `${events} events, read twice each side, taking turns`);
  return events;
}

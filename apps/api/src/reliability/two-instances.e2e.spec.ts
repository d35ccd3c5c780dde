import * as path from 'node:path';
import { openEventStore, type SqlEventStore } from '@ledger/event-store';
import { ALL_PROJECTIONS, rebuildProjection } from '@ledger/entitlements-feature';
import { bearerToken, createTestDatabase, EXAMPLES_FOLDER, loadExampleFolders, postgresTestUrl, readNdjson, requestForEvent, type ExampleFolder, type TestDatabase } from '@ledger/testing';
import type { Actor } from '@ledger/kernel';
import { healthOf, ledger, START_TIMEOUT_MS, started, until, type Process } from './spawned-ledger';

/**
 * Issue 9: two API instances and two workers, spawned as `ledger serve` and `ledger serve --worker` on one
 * PostgreSQL database. Commands go to either API; the process leading the projections is killed (SIGKILL) and
 * another takes over; the read models are applied once (each equals a rebuild from the first event).
 */
const TAKEOVER_TIMEOUT_MS = 30_000;
const example = loadExampleFolders().find((folder) => folder.name === '03-caps-and-reversal') as ExampleFolder;
const CONTRACT = 'HIL-HC-2024-002';
const url = postgresTestUrl('two instances');

/** The one live process that leads, once it has applied every event; throws if two lead at once. */
async function caughtUpLeader(processes: Process[]): Promise<Process | undefined> {
  const healths = await Promise.all(processes.map(async (process) => ({ process, health: await healthOf(process) })));
  const leaders = healths.filter(({ health }) => health?.projections?.role === 'leader');
  if (leaders.length > 1) throw new Error(`two leaders at once: ${leaders.map(({ process }) => process.name).join(', ')}`);
  const [leader] = leaders;
  return leader && leader.health?.projections?.projections.every((projection) => projection.lagEvents === 0) ? leader.process : undefined;
}

async function send(api: Process, method: string, route: string, actor: Actor, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${api.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${bearerToken(actor)}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${route} on ${api.name}: ${response.status} ${await response.text()}`);
  return response.status;
}

/** The example's commands, alternating between the two APIs, each with its own Idempotency-Key. */
async function replay(apis: Process[], from: number, to: number): Promise<void> {
  for (let index = from; index < to; index++) {
    const event = example.events[index];
    const sent = requestForEvent(event, CONTRACT);
    if (!sent) continue;
    await send(apis[index % 2], sent.method, sent.path, event.metadata.actor, sent.body, { 'X-Ledger-Now': event.metadata.recordedAt, 'Idempotency-Key': `two-instances-${index}` });
  }
}

(url ? describe : describe.skip)('two API instances and two workers on one PostgreSQL', () => {
  let database: TestDatabase;
  let store: SqlEventStore;
  const processes: Process[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(url);
    store = await openEventStore({ kind: 'postgres', connectionString: database.url, poolSize: 2 });
    processes.push(ledger('api-1', ['serve'], database.url), ledger('api-2', ['serve'], database.url));
    processes.push(ledger('worker-1', ['serve', '--worker'], database.url), ledger('worker-2', ['serve', '--worker'], database.url));
    await Promise.all(processes.map(started));
  }, START_TIMEOUT_MS * 2);

  afterAll(async () => {
    for (const process of processes) if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGKILL');
    await store?.close();
    await database?.drop();
  }, 30_000);

  it('commands on either API; the leader killed, another takes over; every projection equals a rebuild from the first event', async () => {
    const [api1, api2] = processes;
    const admin = { sub: 'admin@ledger', role: 'admin', org: 'LEDGER' };
    for (const definition of readNdjson(path.join(EXAMPLES_FOLDER, 'framework.ndjson'))) await send(api1, 'POST', '/api/outcome-framework/definitions', admin, definition);
    const half = Math.floor(example.events.length / 2);
    await replay([api1, api2], 0, half);

    const first = await until('a caught-up leader', TAKEOVER_TIMEOUT_MS, () => caughtUpLeader(processes));
    first.child.kill('SIGKILL');
    const survivors = processes.filter((process) => process !== first);
    const apis = survivors.filter((process) => process.name.startsWith('api'));
    await replay(apis.length === 2 ? apis : [apis[0], apis[0]], half, example.events.length);
    const second = await until('another caught-up leader after the kill', TAKEOVER_TIMEOUT_MS, () => caughtUpLeader(survivors));
    expect(second).not.toBe(first);

    const events = await store.readStream(`contract-${CONTRACT}`);
    expect(events).toHaveLength(example.events.length);
    for (const projection of ALL_PROJECTIONS) {
      const report = await rebuildProjection(store, projection);
      expect({ projection: projection.name, identical: report.identical, differences: report.differences }).toEqual({ projection: projection.name, identical: true, differences: [] });
    }
  }, 150_000);
});

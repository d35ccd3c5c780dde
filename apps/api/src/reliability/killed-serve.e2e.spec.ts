import { verifyContractHistory, type ContractStreamEvent } from '@ledger/contracts-domain';
import { openEventStore, type SqlEventStore } from '@ledger/event-store';
import { ALL_PROJECTIONS, rebuildProjection } from '@ledger/entitlements-feature';
import { bearerToken, createTestDatabase, loadExampleFolders, postgresTestUrl, requestForEvent, type ExampleFolder, type TestDatabase } from '@ledger/testing';
import { healthOf, ledger, START_TIMEOUT_MS, started, until, type Process } from './spawned-ledger';

/**
 * Issue 9, "the process killed at scripted points": `ledger serve` on PostgreSQL is SIGKILLed after a set number
 * of answered commands while others are in flight, restarted, and every client re-sends its command with the
 * same Idempotency-Key. Each accepted command must be stored once and the read models equal a rebuild.
 */
const example = loadExampleFolders().find((folder) => folder.name === '03-caps-and-reversal') as ExampleFolder;
const CONTRACT = 'HIL-HC-2024-002';
const COMMISSIONER = { sub: 'p.sandhu@hillingdon.gov.uk', role: 'commissioner', org: 'LA-HILLINGDON' };
const NOW = '2024-04-10T10:00:00.000Z';
const COMMANDS = 30;
const IN_FLIGHT = 6;
/** The scripted points: killed once this many commands were answered since the (re)start. */
const KILL_AFTER_ANSWERS = [7, 12];
const url = postgresTestUrl('killed serve');

function measurement(index: number) {
  return { measurementId: `M-KILL-${index}`, childRef: 'CH-3001', instrument: 'SDQ', score: 10 + (index % 20), measuredOn: '2024-04-09' };
}

async function post(server: Process, index: number): Promise<number> {
  const response = await fetch(`${server.url}/api/contracts/${CONTRACT}/measurements`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearerToken(COMMISSIONER)}`, 'Content-Type': 'application/json', 'X-Ledger-Now': NOW, 'Idempotency-Key': `kill-measure-${index}` },
    body: JSON.stringify(measurement(index)),
  }).catch(() => undefined);
  return response?.status ?? 0;
}

(url ? describe : describe.skip)('ledger serve killed at scripted points and restarted', () => {
  let database: TestDatabase;
  let store: SqlEventStore;
  const spawned: Process[] = [];

  async function start(): Promise<Process> {
    const server = ledger(`serve-${spawned.length + 1}`, ['serve'], database.url);
    spawned.push(server);
    await started(server);
    return server;
  }

  beforeAll(async () => {
    database = await createTestDatabase(url);
    store = await openEventStore({ kind: 'postgres', connectionString: database.url, poolSize: 2 });
  });

  afterAll(async () => {
    for (const process of spawned) if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGKILL');
    await store?.close();
    await database?.drop();
  }, 30_000);

  it('every command re-sent after the kills is stored exactly once, the history re-decides, the read models equal a rebuild', async () => {
    let server = await start();
    for (const event of example.events.slice(0, 6)) {
      const sent = requestForEvent(event, CONTRACT);
      if (!sent) continue;
      const response = await fetch(`${server.url}${sent.path}`, {
        method: sent.method,
        headers: { Authorization: `Bearer ${bearerToken(event.metadata.actor)}`, 'Content-Type': 'application/json', 'X-Ledger-Now': event.metadata.recordedAt },
        body: JSON.stringify(sent.body),
      });
      expect(response.status).toBeLessThan(300);
    }

    const answered = new Map<number, number>();
    for (const killAfter of KILL_AFTER_ANSWERS) {
      let answers = 0;
      let next = 0;
      const victim = server;
      // Clients keep IN_FLIGHT commands going until the process dies under them.
      const client = async () => {
        while (next < COMMANDS && victim.child.signalCode === null) {
          const index = next++;
          const status = await post(victim, index);
          if (status === 0) return;
          answered.set(index, status);
          if (++answers === killAfter) victim.child.kill('SIGKILL');
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, client));
      await until('the killed process to exit', 10_000, () => (victim.child.signalCode === 'SIGKILL' ? true : undefined));
      server = await start();
    }

    // Every client re-sends every command (they cannot know which ones were stored before the kill).
    const statuses = [];
    for (let index = 0; index < COMMANDS; index++) statuses.push(await post(server, index));
    expect(statuses).toEqual(Array(COMMANDS).fill(201));
    // A 412 is a command that lost its re-decisions to the other clients and appended nothing.
    expect([...answered.values()].filter((status) => status !== 201 && status !== 412)).toEqual([]);

    const events = (await store.readStream(`contract-${CONTRACT}`)) as unknown as ContractStreamEvent[];
    const perCommand = new Map<string, number>();
    for (const event of events) perCommand.set(event.metadata.commandId, (perCommand.get(event.metadata.commandId) ?? 0) + 1);
    const resent = [...perCommand].filter(([commandId]) => commandId.startsWith('kill-measure-'));
    expect(resent).toHaveLength(COMMANDS);
    expect(resent.filter(([, count]) => count !== 1)).toEqual([]);
    expect(verifyContractHistory(events)).toMatchObject({ ok: true, events: events.length });

    await until('the restarted process to catch up its projections', START_TIMEOUT_MS, async () => {
      const health = await healthOf(server);
      return health?.projections?.role === 'leader' && health.projections.projections.every((projection) => projection.lagEvents === 0) ? true : undefined;
    });
    for (const projection of ALL_PROJECTIONS) {
      const report = await rebuildProjection(store, projection);
      expect({ projection: projection.name, identical: report.identical, differences: report.differences }).toEqual({ projection: projection.name, identical: true, differences: [] });
    }
  }, 150_000);
});

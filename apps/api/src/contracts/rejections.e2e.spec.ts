import { loadExampleFolders, loadRejectionCases, publishExampleFramework, sendRecordedEvent, type TestApi } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';

const cases = loadRejectionCases();
const examples = new Map(loadExampleFolders().map((example) => [example.name, example]));
const AUDITOR = { sub: 'auditor@nao', role: 'auditor', org: 'NAO' };
const byExample = [...new Set(cases.map((c) => c.example))].map((name) => [name, cases.filter((c) => c.example === name).sort((a, b) => a.after - b.after)] as const);

/** The rejections README, over HTTP: each case on its example's prefix, its status and code, nothing appended. */
describe('the rejection vectors over HTTP (prefixes extended between cases)', () => {
  let api: TestApi;

  // One server for all: each example is its own contract, and PGlite takes seconds to start.
  beforeAll(async () => {
    api = await startTestApi();
    await publishExampleFramework(api);
  });
  afterAll(() => api?.close());

  it('reads all 100 cases', () => expect(cases).toHaveLength(100));

  describe.each(byExample)('%s', (exampleName, exampleCases) => {
    const found = examples.get(exampleName);
    if (!found) throw new Error(`no example ${exampleName}`);
    const example = found;
    const contractId = (example.events[0].data as { contractId: string }).contractId;
    let replayed = 0;

    async function replayTo(after: number): Promise<void> {
      for (; replayed < after; replayed++) await sendRecordedEvent(api, example.events[replayed], contractId);
    }

    async function eventCount(): Promise<number> {
      const response = await api.send('GET', `/api/contracts/${contractId}/events?limit=1000`, { actor: AUDITOR });
      return response.status === 200 ? response.body.items.length : 0;
    }

    it.each(exampleCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      await replayTo(c.after);
      const before = await eventCount();
      const response = await api.send(c.command.method, c.command.path, {
        actor: c.command.actor,
        ...(c.command.now === undefined ? {} : { now: c.command.now }),
        ...(c.command.raw === undefined ? { body: c.command.body } : { raw: c.command.raw }),
        ...(c.command.headers === undefined ? {} : { headers: c.command.headers }),
      });
      expect({ status: response.status, code: JSON.parse(response.text).code }).toEqual(c.expect);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await eventCount()).toBe(before);
    });
  });
});

import { openEventStore, type EventStore } from '@ledger/event-store';
import { loadConfig, type AppConfig } from '../config/app-config';
import { seedDemoAtStart } from './seed-at-start';

const NOW = '2026-11-27T10:00:00.000Z';
const embedded = loadConfig({ NODE_ENV: 'development' });

describe('seedDemoAtStart (issue 10)', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await openEventStore({ kind: 'pglite' });
  });
  afterEach(() => store.close());

  const contracts = async () => new Set((await store.readAll({ streamPrefixes: ['contract-'] })).map((event) => event.streamId));

  it.each<[string, AppConfig, NodeJS.ProcessEnv, string[]]>([
    ['seeds an empty embedded store outside production', embedded, { LEDGER_DEMO_NOW: NOW }, ['contract-SWK-BF-DEMO-01', 'contract-SWK-BF-DEMO-02', 'contract-SWK-HC-DEMO-01']],
    ['SEED_DEMO=true seeds too', embedded, { SEED_DEMO: 'true', LEDGER_DEMO_NOW: NOW }, ['contract-SWK-BF-DEMO-01', 'contract-SWK-BF-DEMO-02', 'contract-SWK-HC-DEMO-01']],
    ['SEED_DEMO=false turns it off', embedded, { SEED_DEMO: 'false', LEDGER_DEMO_NOW: NOW }, []],
    ['never in production', loadConfig({ NODE_ENV: 'production' }), { LEDGER_DEMO_NOW: NOW }, []],
    ['never on PostgreSQL (only the embedded store)', loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://x@127.0.0.1:1/none' }), { LEDGER_DEMO_NOW: NOW }, []],
  ])('%s', async (_name, config, env, streams) => {
    const lines: string[] = [];
    await seedDemoAtStart(store, config, env, (line) => lines.push(line));
    expect([...(await contracts())].sort()).toEqual(streams);
    expect(lines.length).toBe(streams.length === 0 ? 0 : 1);
  });

  it('records the demo relative to LEDGER_DEMO_NOW: nothing after it', async () => {
    await seedDemoAtStart(store, embedded, { LEDGER_DEMO_NOW: NOW }, () => undefined);
    const latest = (await store.readAll()).map((event) => event.metadata.recordedAt).sort().at(-1) ?? '';
    expect(latest.slice(0, 7)).toBe('2026-10');
  });

  it.each([
    [{ SEED_DEMO: 'no' }, 'SEED_DEMO must be true or false (got "no")'],
    [{ LEDGER_DEMO_NOW: 'tomorrow' }, 'LEDGER_DEMO_NOW must be an ISO-8601 instant (got "tomorrow")'],
  ])('a bad variable %j stops the start with a message naming it', async (env, message) => {
    await expect(seedDemoAtStart(store, embedded, env, () => undefined)).rejects.toThrow(message);
    expect(await contracts()).toEqual(new Set());
  });
});

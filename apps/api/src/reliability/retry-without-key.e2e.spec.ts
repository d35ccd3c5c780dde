import type { ContractStreamEvent } from '@ledger/contracts-domain';
import { buildExampleContract, CONTRACT, drafted, STREAM } from '../security/example-contract';
import { startTestApi } from '../testing/start-test-api';

/**
 * Spec section 7: repeating a command that creates something, with the same id and the same content, answers as
 * the first time and appends nothing, with or without an Idempotency-Key. A client whose connection dropped
 * before the answer sends the same body again without a key: only the decider can tell it is a repeat.
 */
const PROVIDER = { sub: 'amy@brightfutures.org.uk', role: 'provider', org: drafted.providerId };
const NOW = '2024-06-20T09:00:00.000Z';
const MEASUREMENT = { measurementId: 'M-RETRY-1', childRef: 'CH-RETRY', instrument: 'SDQ', score: 14, measuredOn: '2024-06-19' };

describe('a create retried without an Idempotency-Key (a client after a dropped connection)', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  beforeAll(async () => {
    api = await startTestApi();
    await buildExampleContract(api);
  });
  afterAll(() => api?.close());

  const recorded = async () =>
    ((await api.store.readStream(STREAM)) as ContractStreamEvent[]).filter((event) => event.type === 'MeasurementRecorded' && (event.data as { measurementId: string }).measurementId === MEASUREMENT.measurementId);

  it('answers 201 again, appends nothing, and the measurement is stored once', async () => {
    const first = await api.send('POST', `/api/contracts/${CONTRACT}/measurements`, { actor: PROVIDER, now: NOW, body: MEASUREMENT });
    expect(first.status).toBe(201);
    const revision = await api.store.streamRevision(STREAM);
    for (let retry = 0; retry < 3; retry++) {
      const again = await api.send('POST', `/api/contracts/${CONTRACT}/measurements`, { actor: PROVIDER, now: NOW, body: MEASUREMENT });
      expect(again.status).toBe(201);
    }
    expect(await api.store.streamRevision(STREAM)).toBe(revision);
    expect(await recorded()).toHaveLength(1);
  });

  it('the same id with other content is 409 MEASUREMENT_EXISTS and appends nothing', async () => {
    const revision = await api.store.streamRevision(STREAM);
    const other = await api.send('POST', `/api/contracts/${CONTRACT}/measurements`, { actor: PROVIDER, now: NOW, body: { ...MEASUREMENT, score: 15 } });
    expect({ status: other.status, code: (JSON.parse(other.text) as { code?: string }).code }).toEqual({ status: 409, code: 'MEASUREMENT_EXISTS' });
    expect(await api.store.streamRevision(STREAM)).toBe(revision);
    expect(await recorded()).toHaveLength(1);
  });
});

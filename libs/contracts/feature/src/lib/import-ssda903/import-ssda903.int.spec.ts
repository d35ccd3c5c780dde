import { decide, foldContract, nowOf, SYSTEM_ACTOR, type ContractCommand } from '@ledger/contracts-domain';
import { openEventStore, type EventStore, type SqlEventStore } from '@ledger/event-store';
import { eventIdFor, isRejection, type Actor, type Rejection } from '@ledger/kernel';
import { SHARED_DIR } from '@ledger/testing';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { asStreamEvents, contractStreamId, readContractStream } from '../contract-stream';
import { importSsda903, type Ssda903ImportInput } from './import-ssda903';

const LINES = readFileSync(path.join(SHARED_DIR, 'data/ssda903-sample/episodes.csv'), 'utf8').split('\r\n');
const SMALL = LINES.slice(0, 21).join('\r\n');
const COMMISSIONER: Actor = { sub: 'c@la', role: 'commissioner', org: 'LA-SAMPLE' };
const PROVIDER: Actor = { sub: 'p@prv', role: 'provider', org: 'PRV-SAMPLE' };
const NOW = { recordedAt: '2022-06-01T10:00:00.000Z', today: '2022-06-01' };
const DRAFT = { type: 'DraftContract', commissionerId: 'LA-SAMPLE', providerId: 'PRV-SAMPLE', title: 'Sample', startDate: '2016-04-01', endDate: '2021-03-31', terms: { fees: [], outcomes: [], caps: {} } };
const SIGNED_BY = (actor: Actor) => ({ type: 'SignContract', party: actor.role, signedBy: actor.sub, signedOn: '2016-01-02' });

/** Decides `body` as `actor` on the stream as it stands and appends what the rules give. */
async function send(store: EventStore, contractId: string, body: Record<string, unknown>, actor: Actor, recordedAt: string): Promise<void> {
  const stream = await readContractStream(store, contractId);
  const now = nowOf(recordedAt);
  if (!now) throw new Error(recordedAt);
  const decision = decide({ ...body, contractId, actor } as ContractCommand, foldContract(asStreamEvents(stream)), now, { framework: new Map() });
  if (isRejection(decision)) throw new Error(decision.message);
  const commandId = `${contractId}-${stream.length}`;
  const envelopes = decision.map((event, index) => {
    const system = event.type === 'ContractAgreed';
    const metadata = { actor: system ? SYSTEM_ACTOR : actor, commandId, correlationId: commandId, ...(system ? { causationId: commandId } : {}), recordedAt, schemaVersion: 1 };
    return { id: eventIdFor(commandId, index), type: event.type, data: event.data, metadata };
  });
  await store.appendToStream(contractStreamId(contractId), envelopes, { expectedRevision: stream.length === 0 ? 'no_stream' : stream.length - 1 });
}

const input = (contractId: string, csvText: string): Ssda903ImportInput => ({
  contractId,
  csvText,
  skipInvalid: true,
  dryRun: false,
  actor: COMMISSIONER,
  now: NOW,
  commandId: `import-${contractId}`,
  correlationId: 'corr',
});

describe('importSsda903 against a store', () => {
  let store: SqlEventStore;

  beforeAll(async () => {
    store = await openEventStore({ kind: 'pglite' });
    for (const contractId of ['C-RACE', 'C-DRAFT']) await send(store, contractId, DRAFT, COMMISSIONER, '2016-01-01T10:00:00.000Z');
    await send(store, 'C-RACE', SIGNED_BY(PROVIDER), PROVIDER, '2016-01-02T10:00:00.000Z');
    await send(store, 'C-RACE', SIGNED_BY(COMMISSIONER), COMMISSIONER, '2016-01-02T11:00:00.000Z');
  });
  afterAll(() => store?.close());

  it('an append between the read and the import plans again on the new stream, and appends after it', async () => {
    let races = 0;
    const racing = Object.create(store) as EventStore;
    racing.appendToStream = async (streamId, events, options) => {
      if (races === 0 && events[0]?.metadata.commandId === 'import-C-RACE') {
        races++;
        const manual = { type: 'StartPlacement', placementId: 'PL-MANUAL', childRef: 'CH-MANUAL', startDate: '2017-01-01', placementType: 'U1' };
        await send(store, 'C-RACE', manual, COMMISSIONER, '2022-06-01T09:00:00.000Z');
      }
      return store.appendToStream(streamId, events, options);
    };
    const result = await importSsda903(racing, input('C-RACE', SMALL));
    expect(races).toBe(1);
    expect(result.appended).toBeGreaterThan(0);
    const stream = await readContractStream(store, 'C-RACE');
    // Drafted, two signatures, agreed, the interloper, then the import.
    expect(stream[4].data).toMatchObject({ placementId: 'PL-MANUAL' });
    expect(stream.slice(5).map((event) => event.id)).toEqual(result.events.map((_event, index) => eventIdFor('import-C-RACE', index)));
    expect(result.revision).toBe(stream.length - 1);
  });

  it('a refusal of the rules imports nothing and names the event and the placement', async () => {
    const before = (await readContractStream(store, 'C-DRAFT')).length;
    const refusal = await importSsda903(store, input('C-DRAFT', SMALL)).then(
      () => undefined,
      (error: unknown) => error as Rejection,
    );
    expect(refusal?.code).toBe('NOT_AGREED');
    expect(refusal?.message).toMatch(/^PlacementStarted of SSDA-.+; nothing was imported$/);
    expect((await readContractStream(store, 'C-DRAFT')).length).toBe(before);
  });

  it('the provider is refused before the file is read', async () => {
    const refusal = await importSsda903(store, { ...input('C-RACE', 'not a csv'), actor: PROVIDER }).catch((error: unknown) => error as Rejection);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN' });
  });
});

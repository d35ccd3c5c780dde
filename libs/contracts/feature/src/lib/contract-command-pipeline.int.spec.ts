import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Clock, type Caller } from '@ledger/auth';
import { commandFromEvent, verifyContractHistory, type ContractCommand, type ContractStreamEvent } from '@ledger/contracts-domain';
import { openEventStore, type EventStore, type ReadStreamOptions, type SqlEventStore } from '@ledger/event-store';
import type { Actor } from '@ledger/kernel';
import { FrameworkStream } from '@ledger/outcome-framework-feature';
import { EXAMPLES_FOLDER, loadExampleFolders, publicationsOf, seedFramework } from '@ledger/testing';
import { ContractCommandPipeline, type ContractWriteResult } from './contract-command-pipeline';

const examples = loadExampleFolders();
const clock = new Clock(true);

function callerAt(actor: Actor, recordedAt: string): Caller {
  return { actor, now: clock.now(recordedAt), correlationId: 'pipeline-spec' };
}

/** Two API instances: each its own pipeline, so its own kept folds, over one store. */
function pipelineOn(store: EventStore): ContractCommandPipeline {
  return new ContractCommandPipeline(store, new FrameworkStream(store));
}

/** The real store, remembering each read of a contract stream (undefined: the whole stream). */
function recordingReads(store: EventStore): { store: EventStore; reads: (number | undefined)[] } {
  const reads: (number | undefined)[] = [];
  const recording = Object.create(store) as EventStore;
  recording.readStream = (streamId: string, options?: ReadStreamOptions) => {
    if (streamId.startsWith('contract-')) reads.push(options?.fromRevision);
    return store.readStream(streamId, options);
  };
  return { store: recording, reads };
}

const SOUTHWARK: Actor = { sub: 'c@southwark', role: 'commissioner', org: 'LA-SOUTHWARK' };

/** Example 01's contract up to its agreement (drafted, signed twice, agreed by the system), under another id. */
async function agreedContract(pipeline: ContractCommandPipeline, contractId: string): Promise<void> {
  for (const event of examples[0].events.slice(0, 4)) {
    const command = commandFromEvent(event, contractId);
    if (command) await pipeline.execute({ ...command, contractId }, { caller: callerAt(event.metadata.actor, event.metadata.recordedAt), commandId: `${contractId}-${event.revision}` });
  }
}

function placement(contractId: string, placementId: string, childRef: string, startDate: string): ContractCommand {
  return { type: 'StartPlacement', contractId, actor: SOUTHWARK, placementId, childRef, startDate, placementType: 'U4' };
}

function at(recordedAt: string, commandId: string) {
  return { caller: callerAt(SOUTHWARK, recordedAt), commandId };
}

describe('contract commands with kept folds (PGlite)', () => {
  let store: SqlEventStore;

  beforeAll(async () => {
    store = await openEventStore({ kind: 'pglite' });
    await seedFramework(store, publicationsOf(readFileSync(path.join(EXAMPLES_FOLDER, 'framework.ndjson'), 'utf8')));
  });

  afterAll(() => store?.close());

  it.each(examples.map((example) => [example.name, example.events] as const))(
    '%s: commands alternating between two instances record the example, and the stream re-decides',
    async (name, events: ContractStreamEvent[]) => {
      const instances = [recordingReads(store), recordingReads(store)].map((recording) => ({ ...recording, pipeline: pipelineOn(recording.store) }));
      const contractId = (events[0].data as { contractId: string }).contractId;
      for (const event of events) {
        const command = commandFromEvent(event, contractId);
        if (!command) continue;
        const instance = instances[event.revision % 2];
        await instance.pipeline.execute(command, { caller: callerAt(event.metadata.actor, event.metadata.recordedAt), commandId: `${name}-${event.revision}` });
      }
      const stored = (await store.readStream(`contract-${contractId}`)) as unknown as ContractStreamEvent[];
      expect(stored.map(({ type, data, metadata }) => ({ type, data, recordedAt: metadata.recordedAt }))).toEqual(
        events.map(({ type, data, metadata }) => ({ type, data, recordedAt: metadata.recordedAt })),
      );
      expect(verifyContractHistory(stored).ok).toBe(true);
      // Each instance reads the whole stream until it keeps a fold (the draft's read finds none to keep), then only
      // what was appended since, by itself or the other.
      for (const { reads } of instances) expect(reads.filter((from) => from === undefined).length).toBeLessThanOrEqual(2);
    },
  );

  it("a kept fold behind the store sees the other instance's placement: the overlapping one is refused and nothing appended", async () => {
    const [first, second] = [pipelineOn(store), pipelineOn(store)];
    await agreedContract(first, 'SPEC-BEHIND');
    await first.execute(placement('SPEC-BEHIND', 'PL-1', 'CH-1', '2024-04-02'), at('2024-04-02T09:00:00.000Z', 'behind-1'));
    await second.execute(placement('SPEC-BEHIND', 'PL-2', 'CH-2', '2024-04-02'), at('2024-04-02T10:00:00.000Z', 'behind-2'));
    await expect(first.execute(placement('SPEC-BEHIND', 'PL-3', 'CH-2', '2024-04-03'), at('2024-04-03T09:00:00.000Z', 'behind-3'))).rejects.toMatchObject({ code: 'CHILD_ALREADY_PLACED' });
    const placed = await first.execute(placement('SPEC-BEHIND', 'PL-4', 'CH-4', '2024-04-03'), at('2024-04-03T10:00:00.000Z', 'behind-4'));
    expect(placed.revision).toBe(6);
    expect((await store.readStream('contract-SPEC-BEHIND')).slice(4).map((event) => (event.data as { placementId: string }).placementId)).toEqual(['PL-1', 'PL-2', 'PL-4']);
  });

  it('an append between the read and the append: the command is decided again on the whole stream, refused or landing after it', async () => {
    const other = pipelineOn(store);
    const recording = recordingReads(store);
    const racing = Object.create(recording.store) as EventStore;
    let race: (() => Promise<unknown>) | undefined;
    racing.appendToStream = async (streamId, events, options) => {
      const competing = race;
      race = undefined;
      await competing?.();
      return store.appendToStream(streamId, events, options);
    };
    const pipeline = pipelineOn(racing);
    await agreedContract(pipeline, 'SPEC-RACE');

    recording.reads.length = 0;
    race = () => other.execute(placement('SPEC-RACE', 'PL-OTHER', 'CH-1', '2024-04-02'), at('2024-04-02T09:00:00.000Z', 'race-other'));
    await expect(pipeline.execute(placement('SPEC-RACE', 'PL-MINE', 'CH-1', '2024-04-02'), at('2024-04-02T10:00:00.000Z', 'race-mine'))).rejects.toMatchObject({ code: 'CHILD_ALREADY_PLACED' });
    // Its kept fold (as its last command loaded it) caught up from revision 2, the append met PL-OTHER, and the
    // second attempt read the whole stream.
    expect(recording.reads).toEqual([2, undefined]);

    race = () => other.execute(placement('SPEC-RACE', 'PL-OTHER-2', 'CH-2', '2024-04-03'), at('2024-04-03T09:00:00.000Z', 'race-other-2'));
    const result: ContractWriteResult = await pipeline.execute(placement('SPEC-RACE', 'PL-NEXT', 'CH-3', '2024-04-03'), at('2024-04-03T10:00:00.000Z', 'race-next'));
    expect(result.revision).toBe(6);
    const stored = (await store.readStream('contract-SPEC-RACE')) as unknown as ContractStreamEvent[];
    expect(stored.slice(4).map((event) => (event.data as { placementId: string }).placementId)).toEqual(['PL-OTHER', 'PL-OTHER-2', 'PL-NEXT']);
    expect(verifyContractHistory(stored).ok).toBe(true);
  });
});

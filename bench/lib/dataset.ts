import { verifyContractHistory, type ContractStreamEvent } from '@ledger/contracts-domain';
import type { EventStore } from '@ledger/event-store';
import { generateLedger, type GenerationTally, type GeneratorParameters } from '../generate';
import { progress } from './figures';

export interface LoadedContract {
  contractId: string;
  commissionerId: string;
  providerId: string;
  terminated: boolean;
  events: number;
}

export interface LoadedDataset {
  parameters: GeneratorParameters;
  tally: GenerationTally;
  contracts: LoadedContract[];
  events: number;
  /** Generating and appending overlap (one process decides while PostgreSQL writes): the wall-clock of both. */
  seconds: number;
}

/** Streams read back and verified after a load: the hash chain and every event re-decided. */
const SAMPLE = 5;

async function verifySample(store: EventStore, sample: readonly LoadedContract[]): Promise<void> {
  for (const contract of sample) {
    const events = (await store.readStream(`contract-${contract.contractId}`)) as ContractStreamEvent[];
    const verdict = verifyContractHistory(events);
    if (!verdict.ok) throw new Error(`generated contract ${contract.contractId} fails verification at revision ${verdict.revision}: ${verdict.reason}`);
  }
  progress(`  ${sample.length} loaded streams read back and verified (hash chain, every event re-decided)`);
}

/** Contracts the generator may need for a target: measured on the first run at about 147 events per contract at activity 1. */
export function contractsFor(events: number): number {
  return Math.max(10, Math.ceil(events / 145));
}

/**
 * Decides every contract with the real deciders and appends each whole stream in one append through the store
 * (sealed and chained by the store, as any append), with a few appends in flight while the next contract is decided.
 */
export async function loadDataset(store: EventStore, parameters: GeneratorParameters, inFlight: number): Promise<LoadedDataset> {
  const tally: GenerationTally = { events: 0, commands: 0, refused: {} };
  const contracts: LoadedContract[] = [];
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  let lastReport = started;
  for (const stream of generateLedger(parameters, tally)) {
    while (pending.size >= inFlight) await Promise.race(pending);
    const append = store
      .appendToStream(stream.streamId, stream.events, { expectedRevision: 'no_stream' })
      .then(() => undefined)
      .finally(() => pending.delete(append));
    pending.add(append);
    contracts.push({
      contractId: stream.contractId,
      commissionerId: stream.commissionerId,
      providerId: stream.providerId,
      terminated: stream.terminated,
      events: stream.events.length,
    });
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      progress(`  loaded ${contracts.length}/${parameters.contracts} contracts, ${tally.events} events, ${Math.round(tally.events / ((lastReport - started) / 1000))} events/s`);
    }
  }
  await Promise.all(pending);
  await verifySample(store, contracts.slice(0, SAMPLE));
  return { parameters, tally, contracts, events: tally.events, seconds: (performance.now() - started) / 1000 };
}

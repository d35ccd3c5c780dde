import { checkClock, decide, foldContract, SYSTEM_ACTOR, type ContractCommand, type ContractStreamEvent } from '@ledger/contracts-domain';
import type { OutcomeKind, RecordedContractEvent } from '@ledger/contracts-model';
import { CONTRACT_STREAM_PREFIX, contractStreamId } from '@ledger/contracts-feature';
import { ConcurrencyError, type EventStore, type EventToAppend } from '@ledger/event-store';
import { eventIdFor, isRejection, londonDate, parseInstant } from '@ledger/kernel';
import { defaultCatalogue } from '@ledger/outcome-framework-feature';
import { planDemo, type DemoContract, type DemoStep } from './demo-plan';

export interface DemoSeedResult {
  /** False when the store already held a contract (or another process seeded it first). */
  seeded: boolean;
  contracts: string[];
  events: number;
}

export class DemoSeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoSeedError';
  }
}

/** The codes of the default catalogue with their kind: the demo terms are checked as the API checks a draft. */
export function defaultFrameworkKinds(): ReadonlyMap<string, OutcomeKind> {
  return new Map(defaultCatalogue().map((entry) => [entry.code, entry.definition.kind]));
}

/**
 * Issue 10: a living demo partnership in an empty store. Each step is decided by the contract rules against the
 * stream as it stands and appended with the metadata the API's command pipeline writes (mirrored from
 * `ContractCommandPipeline.envelopes`, which is private), so the demo is a history the rules accept.
 * `now` is the seed's clock (an ISO instant); `today` is its Europe/London date.
 */
export async function seedDemo(store: EventStore, options: { now: string; framework?: ReadonlyMap<string, OutcomeKind> }): Promise<DemoSeedResult> {
  const nowMs = parseInstant(options.now);
  if (nowMs === undefined) throw new DemoSeedError(`the demo seed's clock is not an ISO-8601 instant: ${options.now}`);
  const existing = await store.readAll({ streamPrefixes: [CONTRACT_STREAM_PREFIX], maxCount: 1 });
  if (existing.length > 0) return { seeded: false, contracts: [], events: 0 };
  const framework = options.framework ?? defaultFrameworkKinds();
  let events = 0;
  const contracts: string[] = [];
  for (const contract of planDemo(londonDate(nowMs))) {
    try {
      events += await seedContract(store, contract, framework);
    } catch (error) {
      // Another process seeding the same store at the same time: its demo stands.
      if (error instanceof ConcurrencyError && contracts.length === 0) return { seeded: false, contracts: [], events: 0 };
      throw error;
    }
    contracts.push(contract.contractId);
  }
  return { seeded: true, contracts, events };
}

async function seedContract(store: EventStore, contract: DemoContract, framework: ReadonlyMap<string, OutcomeKind>): Promise<number> {
  const streamId = contractStreamId(contract.contractId);
  let recorded: RecordedContractEvent[] = [];
  for (const [index, step] of contract.steps.entries()) {
    const body = typeof step.body === 'function' ? step.body(recorded) : step.body;
    if (body === undefined) continue;
    const command = { ...body, contractId: contract.contractId, actor: step.actor } as ContractCommand;
    const now = { today: londonDate(parseInstant(step.recordedAt) as number), recordedAt: step.recordedAt };
    const state = foldContract(recorded as unknown as ContractStreamEvent[]);
    const decision = checkClock(state, now) ?? decide(command, state, now, { framework });
    if (isRejection(decision)) throw new DemoSeedError(`demo ${contract.contractId}, step ${index} (${command.type}): ${decision.code} ${decision.message}`);
    const commandId = `demo-${contract.contractId}-${index}`;
    await store.appendToStream(streamId, envelopes(decision, step, commandId), { expectedRevision: recorded.length === 0 ? 'no_stream' : recorded.length - 1 });
    recorded = (await store.readStream(streamId)) as RecordedContractEvent[];
  }
  return recorded.length;
}

function envelopes(decision: readonly { type: string; data: unknown }[], step: DemoStep, commandId: string): EventToAppend[] {
  const correlationId = `${commandId}-seed`;
  return decision.map((event, index) => {
    const system = event.type === 'ContractAgreed';
    return {
      id: eventIdFor(commandId, index),
      type: event.type,
      data: event.data,
      metadata: {
        actor: system ? SYSTEM_ACTOR : step.actor,
        commandId,
        correlationId,
        ...(system ? { causationId: commandId } : {}),
        recordedAt: step.recordedAt,
        schemaVersion: 1,
      },
    };
  });
}

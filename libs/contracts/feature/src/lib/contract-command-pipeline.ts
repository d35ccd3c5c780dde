import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@ledger/auth';
import type { ContractEvent, RecordedContractEvent } from '@ledger/contracts-model';
import { authorise, checkClock, decide, evolve, foldContract, SYSTEM_ACTOR, type ContractCommand, type ContractCommandType } from '@ledger/contracts-domain';
import { ConcurrencyError, type EventStore, type EventToAppend } from '@ledger/event-store';
import { eventIdFor, isRejection, reject } from '@ledger/kernel';
import { FrameworkStream } from '@ledger/outcome-framework-feature';
import { ContractStateCache, type FoldedContract } from './contract-state-cache';
import { asStreamEvents, CONTRACTS_EVENT_STORE, contractStreamId, readContractStream } from './contract-stream';

/** What every contract command carries besides its body: who, when, its id, and an optional `If-Match`. */
export interface CommandContext {
  caller: Caller;
  /** The `Idempotency-Key`, else a new UUID: event ids derive from it (spec section 2). */
  commandId: string;
  /** The revision the caller read (`If-Match`): the command is then conditional and never re-decided. */
  ifMatch?: number;
}

/** Section 9: what a write answers. */
export interface ContractWriteResult {
  contractId: string;
  revision: number;
  globalPosition: string;
}

/** Re-decisions after a concurrent append, before the conflict is answered 412. */
export const MAX_DECIDE_ATTEMPTS = 5;

/** Bringing a cached fold up to date event by event copies its event list each time: past this many, fold afresh. */
const EVOLVE_AT_MOST = 32;

/** Commands whose decider checks outcome codes against the framework (when terms are set). */
const SETS_TERMS: ReadonlySet<ContractCommandType> = new Set<ContractCommandType>(['DraftContract', 'AmendTerms', 'ProposeVariation']);

/** Which event a create command records and the id that names it, to answer a retry with the original event. */
const CREATED_BY: Partial<Record<ContractCommandType, [ContractEvent['type'], string]>> = {
  DraftContract: ['ContractDrafted', 'contractId'],
  ProposeVariation: ['VariationProposed', 'variationId'],
  StartPlacement: ['PlacementStarted', 'placementId'],
  RecordMeasurement: ['MeasurementRecorded', 'measurementId'],
  ClaimOutcome: ['OutcomeClaimed', 'claimId'],
  RecordPayment: ['PaymentRecorded', 'paymentId'],
};

/**
 * The shared work of every contract command, once: load the stream's fold, check the clock, authorise, check
 * `If-Match`, decide, derive event ids and metadata, append with the loaded revision as expected, and on a
 * concurrent append load and decide again (unless `If-Match` pinned the revision). The fold of a contract
 * commanded lately is kept (ADR 0010): a command then reads only the events after it.
 */
@Injectable()
export class ContractCommandPipeline {
  private readonly folds = new ContractStateCache();

  constructor(
    @Inject(CONTRACTS_EVENT_STORE) private readonly store: EventStore,
    private readonly framework: FrameworkStream,
  ) {}

  async execute(command: ContractCommand, context: CommandContext): Promise<ContractWriteResult> {
    const framework = SETS_TERMS.has(command.type) ? await this.framework.kinds() : undefined;
    for (let attempt = 1; ; attempt++) {
      const { events, state } = await this.load(command.contractId);
      const now = context.caller.now;
      const refused = checkClock(state, now) ?? authorise(command, state) ?? this.staleIfMatch(context.ifMatch, events.length - 1);
      if (refused) throw refused;
      const decision = decide(command, state, now, { framework });
      if (isRejection(decision)) throw decision;
      if (decision.length === 0) return this.originalAnswer(command, events);
      try {
        const appended = await this.store.appendToStream(contractStreamId(command.contractId), this.envelopes(decision, context), {
          expectedRevision: events.length === 0 ? 'no_stream' : events.length - 1,
        });
        return { contractId: command.contractId, revision: appended.revision, globalPosition: appended.globalPosition };
      } catch (error) {
        // The next attempt reads the whole stream: a kept fold the store disagrees with must not be tried again.
        if (error instanceof ConcurrencyError) this.folds.delete(command.contractId);
        if (error instanceof ConcurrencyError && context.ifMatch === undefined && attempt < MAX_DECIDE_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  /**
   * The contract's events and fold now: the kept fold and the events appended since (by any process), or, when
   * none is kept or the next event does not chain onto its last one, the whole stream folded afresh.
   */
  private async load(contractId: string): Promise<FoldedContract> {
    const kept = this.folds.get(contractId);
    if (kept) {
      const newer = (await this.store.readStream(contractStreamId(contractId), { fromRevision: kept.events.length })) as RecordedContractEvent[];
      if (newer.length === 0) return kept;
      const last = kept.events[kept.events.length - 1];
      if (newer[0].revision === kept.events.length && newer[0].metadata.prevHash === last.metadata.hash) {
        const events = [...kept.events, ...newer];
        const state = newer.length <= EVOLVE_AT_MOST ? asStreamEvents(newer).reduce(evolve, kept.state) : foldContract(asStreamEvents(events));
        return this.keep(contractId, { events, state });
      }
    }
    const events = await readContractStream(this.store, contractId);
    return this.keep(contractId, { events, state: foldContract(asStreamEvents(events)) });
  }

  private keep(contractId: string, folded: FoldedContract): FoldedContract {
    if (folded.events.length > 0) this.folds.set(contractId, folded);
    return folded;
  }

  /** Section 4's precedence puts 412 after 403 and before the other 404s, so it is checked between the two. */
  private staleIfMatch(ifMatch: number | undefined, revision: number) {
    if (ifMatch === undefined || ifMatch === revision) return undefined;
    return reject('CONCURRENCY', `If-Match "${ifMatch}" is stale: the contract is at revision ${revision}`);
  }

  private envelopes(decision: readonly ContractEvent[], context: CommandContext): EventToAppend[] {
    const { actor, now, correlationId } = context.caller;
    return decision.map((event, index) => {
      // Section 2: the system appends ContractAgreed with the second signature, caused by that signature's command.
      const system = event.type === 'ContractAgreed';
      return {
        id: eventIdFor(context.commandId, index),
        type: event.type,
        data: event.data,
        metadata: {
          actor: system ? SYSTEM_ACTOR : actor,
          commandId: context.commandId,
          correlationId,
          ...(system ? { causationId: context.commandId } : {}),
          recordedAt: now.recordedAt,
          schemaVersion: 1,
        },
      };
    });
  }

  /** Section 7: an identical retry answers as the first time: a create with its original event, others with the head. */
  private originalAnswer(command: ContractCommand, events: readonly RecordedContractEvent[]): ContractWriteResult {
    const created = CREATED_BY[command.type];
    const id = created ? (command as unknown as Record<string, unknown>)[created[1]] : undefined;
    const original = created && events.find((event) => event.type === created[0] && (event.data as unknown as Record<string, unknown>)[created[1]] === id);
    const answered = original ?? events[events.length - 1];
    return { contractId: command.contractId, revision: answered.revision, globalPosition: answered.globalPosition };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@ledger/auth';
import type { ContractEvent, RecordedContractEvent } from '@ledger/contracts-model';
import { authorise, checkClock, decide, foldContract, SYSTEM_ACTOR, type ContractCommand, type ContractCommandType } from '@ledger/contracts-domain';
import { ConcurrencyError, type EventStore, type EventToAppend } from '@ledger/event-store';
import { eventIdFor, isRejection, reject } from '@ledger/kernel';
import { FrameworkStream } from '@ledger/outcome-framework-feature';
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
 * The shared work of every contract command, once: load the stream, fold it, check the clock, authorise, check
 * `If-Match`, decide, derive event ids and metadata, append with the loaded revision as expected, and on a
 * concurrent append load and decide again (unless `If-Match` pinned the revision).
 */
@Injectable()
export class ContractCommandPipeline {
  constructor(
    @Inject(CONTRACTS_EVENT_STORE) private readonly store: EventStore,
    private readonly framework: FrameworkStream,
  ) {}

  async execute(command: ContractCommand, context: CommandContext): Promise<ContractWriteResult> {
    const framework = SETS_TERMS.has(command.type) ? await this.framework.kinds() : undefined;
    for (let attempt = 1; ; attempt++) {
      const events = await readContractStream(this.store, command.contractId);
      const state = foldContract(asStreamEvents(events));
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
        if (error instanceof ConcurrencyError && context.ifMatch === undefined && attempt < MAX_DECIDE_ATTEMPTS) continue;
        throw error;
      }
    }
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

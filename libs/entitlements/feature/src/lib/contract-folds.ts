import { EntitlementLedger, type FoldEvent, type HashedStatement } from '@ledger/entitlements-domain';
import type { EventStore, ProjectedEvent } from '@ledger/event-store';
import { CONTRACT_EVENT_TYPES, type ContractEventData, type ContractEventType } from '@ledger/contracts-model';

const CONTRACT_STREAM = 'contract-';
const CONTRACT_TYPES: ReadonlySet<string> = new Set(CONTRACT_EVENT_TYPES);

/** One contract as a projection follows it: the one fold, and the parties it needs to file rows under. */
export interface FollowedContract {
  contractId: string;
  commissionerId: string;
  providerId: string;
  ledger: EntitlementLedger;
  nextRevision: number;
}

/** A contract event as read models read it (any recorded one is one too). */
export type ProjectedContractEvent = { [T in ContractEventType]: ProjectedEvent<T, ContractEventData[T]> }[ContractEventType];

export interface FoldedEvent {
  event: ProjectedContractEvent;
  contract: FollowedContract;
  /** The statement the fold settles at this event (a `PeriodClosed`), checked against the hash it recorded. */
  closed?: HashedStatement;
}

export function isContractEvent(event: ProjectedEvent): event is ProjectedContractEvent {
  return event.streamId.startsWith(CONTRACT_STREAM) && CONTRACT_TYPES.has(event.type);
}

/**
 * The fold of every contract a projection has seen, kept across batches so each event is folded once. A
 * contract met for the first time is folded from its stream up to just before the event (read before the
 * batch's transaction opens: the embedded store has one connection). After a rollback every fold is dropped,
 * since a fold cannot take an event back.
 */
export class ContractFolds {
  private readonly contracts = new Map<string, FollowedContract>();

  constructor(
    private readonly store: EventStore,
    /** Folds kept between batches; the least recently folded are dropped beyond it and folded again when met. */
    private readonly maxContracts = 10_000,
  ) {}

  /** Folds, from the store, every contract of the batch this cache has not followed yet. */
  async prepare(batch: readonly ProjectedEvent[]): Promise<void> {
    const firstSeen = new Map<string, ProjectedEvent>();
    for (const event of batch) {
      if (isContractEvent(event) && !this.contracts.has(event.streamId) && !firstSeen.has(event.streamId)) firstSeen.set(event.streamId, event);
    }
    for (const [streamId, first] of firstSeen) {
      if (first.revision === 0) continue;
      const before = (BigInt(first.globalPosition) - 1n).toString();
      const earlier = await this.store.readStream(streamId, { asOf: { position: before } });
      for (const event of earlier) if (isContractEvent(event)) this.fold(event);
    }
  }

  /** Applies one event to its contract's fold; throws (a projection failure) when the stream is not followed in order. */
  fold(event: ProjectedContractEvent): FoldedEvent {
    let contract = this.contracts.get(event.streamId);
    if (contract === undefined) {
      if (event.type !== 'ContractDrafted' || event.revision !== 0) {
        throw new Error(`${event.streamId} revision ${event.revision}: the fold has not read the stream's earlier events`);
      }
      contract = {
        contractId: event.data.contractId,
        commissionerId: event.data.commissionerId,
        providerId: event.data.providerId,
        ledger: new EntitlementLedger(true),
        nextRevision: 0,
      };
      this.contracts.set(event.streamId, contract);
    }
    if (event.revision !== contract.nextRevision) {
      throw new Error(`${event.streamId}: expected revision ${contract.nextRevision}, got ${event.revision}`);
    }
    // Most recently folded last: the order `trim` drops from.
    this.contracts.delete(event.streamId);
    this.contracts.set(event.streamId, contract);
    const closedBefore = contract.ledger.closed.length;
    contract.ledger.apply(event as FoldEvent);
    contract.nextRevision++;
    if (event.type !== 'PeriodClosed') return { event, contract };
    const closed = contract.ledger.closed[closedBefore];
    // Closed statements are only needed once: keeping them would hold every statement of the sector in memory.
    contract.ledger.closed.length = 0;
    if (closed === undefined || closed.statementHash !== event.data.statementHash) {
      throw new Error(
        `${event.streamId} revision ${event.revision}: the fold states ${closed?.statementHash ?? 'nothing'} for ${event.data.period}, the close recorded ${event.data.statementHash}`,
      );
    }
    return { event, contract, closed };
  }

  /** Between batches only: a fold dropped within a batch could not be read again before its next event. */
  trim(): void {
    for (const streamId of this.contracts.keys()) {
      if (this.contracts.size <= this.maxContracts) return;
      this.contracts.delete(streamId);
    }
  }

  clear(): void {
    this.contracts.clear();
  }
}

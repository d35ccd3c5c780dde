import type { RecordedContractEvent } from '@ledger/contracts-model';
import type { ContractStreamEvent } from '@ledger/contracts-domain';
import type { EventStore } from '@ledger/event-store';

export const CONTRACTS_EVENT_STORE = 'ContractsEventStore';

/** Spec section 2: one stream per contract. */
export function contractStreamId(contractId: string): string {
  return `contract-${contractId}`;
}

export const CONTRACT_STREAM_PREFIX = 'contract-';

export async function readContractStream(store: EventStore, contractId: string): Promise<RecordedContractEvent[]> {
  return (await store.readStream(contractStreamId(contractId))) as RecordedContractEvent[];
}

/** The stored envelope is what the deciders and the fold read. */
export function asStreamEvents(events: readonly RecordedContractEvent[]): ContractStreamEvent[] {
  return events as unknown as ContractStreamEvent[];
}

import { contractStreamId } from '@ledger/contracts-model';
import type { EventStore } from '@ledger/event-store';
import type { RecordedEvent } from '@ledger/kernel';

export class ContractNotFoundError extends Error {
  constructor(readonly contractId: string) {
    super(`no contract ${contractId} in the store (stream ${contractStreamId(contractId)} does not exist)`);
    this.name = 'ContractNotFoundError';
  }
}

/** A contract's stream as the store holds it, from revision 0; a contract that does not exist is an error. */
export async function readContractStream(store: EventStore, contractId: string): Promise<RecordedEvent[]> {
  const events = await store.readStream(contractStreamId(contractId));
  if (events.length === 0) throw new ContractNotFoundError(contractId);
  return events;
}

/**
 * One line of the export (spec section 10): `streamId, revision, globalPosition, type, data, metadata`, in that
 * order, as the examples' events.ndjson are written. A decimal position is written as a JSON number digit for
 * digit (positions outgrow a double's exact range, so it never passes through `Number`); any other store's
 * position stays a string.
 */
export function exportLine(event: RecordedEvent): string {
  const position = /^\d+$/.test(event.globalPosition) ? event.globalPosition : JSON.stringify(event.globalPosition);
  return (
    `{"streamId":${JSON.stringify(event.streamId)},"revision":${event.revision},"globalPosition":${position},` +
    `"type":${JSON.stringify(event.type)},"data":${JSON.stringify(event.data)},"metadata":${JSON.stringify(event.metadata)}}`
  );
}

/** `ledger export --contract ID`: the contract's stream as NDJSON, one event a line, ending with a newline. */
export async function exportContract(store: EventStore, contractId: string): Promise<string> {
  const events = await readContractStream(store, contractId);
  return events.map((event) => `${exportLine(event)}\n`).join('');
}

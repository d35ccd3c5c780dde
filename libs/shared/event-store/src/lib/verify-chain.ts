import { eventHash, GENESIS_HASH, type RecordedEvent } from '@ledger/kernel';

export interface ChainBreak {
  /** The first revision whose place in the chain does not hold. */
  revision: number;
  reason: string;
}

/**
 * Re-computes a stream's hash chain from revision 0 (spec section 2). Any edit of a stored event, its data or its
 * metadata, shows at its own revision: its hash no longer matches its content.
 */
export function verifyChain(events: readonly RecordedEvent[]): ChainBreak | undefined {
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    if (event.revision !== index) return { revision: index, reason: `expected revision ${index}, found ${event.revision}` };
    if (event.metadata.prevHash !== prevHash) return { revision: index, reason: 'prevHash is not the hash of the previous event' };
    const hash = eventHash(prevHash, { type: event.type, data: event.data, metadata: { ...event.metadata } });
    if (event.metadata.hash !== hash) return { revision: index, reason: 'hash does not match the event' };
    prevHash = hash;
  }
  return undefined;
}

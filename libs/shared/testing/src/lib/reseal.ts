import { eventHash, GENESIS_HASH, type HashableEvent } from '@ledger/kernel';

/**
 * The stream's hash chain sealed again after an edit, as a forger with write access to the store would leave it:
 * the chain holds, so only re-deciding the events can catch the edit.
 */
export function resealed<E extends { type: string; data: unknown; metadata: object }>(events: readonly E[]): E[] {
  let prevHash = GENESIS_HASH;
  return events.map((event) => {
    const hash = eventHash(prevHash, event as unknown as HashableEvent);
    const sealed = { ...event, metadata: { ...event.metadata, prevHash, hash } };
    prevHash = hash;
    return sealed;
  });
}

import type { ContractEvent } from '@ledger/contracts-model';
import { type Actor, eventHash, GENESIS_HASH } from '@ledger/kernel';
import type { ContractStreamEvent } from '../lib/state';

/** Appends decided events after `stream` as a store would: revision, envelope and hash chain. */
export function record(stream: readonly ContractStreamEvent[], produced: readonly ContractEvent[], actor: Actor, recordedAt: string): ContractStreamEvent[] {
  const out = [...stream];
  for (const event of produced) {
    const prevHash = out.length === 0 ? GENESIS_HASH : out[out.length - 1].metadata.hash;
    const actorOf = event.type === 'ContractAgreed' ? { sub: 'system', role: 'system', org: 'SYSTEM' } : actor;
    const metadata = { actor: actorOf, commandId: `cmd-${out.length}`, correlationId: 'corr', recordedAt, schemaVersion: 1, prevHash, hash: '' };
    const hash = eventHash(prevHash, { type: event.type, data: event.data, metadata });
    out.push({ ...event, revision: out.length, metadata: { ...metadata, hash } } as ContractStreamEvent);
  }
  return out;
}

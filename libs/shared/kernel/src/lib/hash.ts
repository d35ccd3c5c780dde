import crypto from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** The one-shot digest (Node 20.12 and later) costs a third of a Hash object's for an event's few hundred bytes. */
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;

export function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

export function hashOfCanonical(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

export interface HashableEvent {
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/** Spec section 2: the per-stream chain; metadata is hashed without its own prevHash and hash. */
export function eventHash(prevHash: string, event: HashableEvent): string {
  const { prevHash: _prev, hash: _hash, ...hashedMetadata } = event.metadata;
  return sha256Hex(`${prevHash}\n${event.type}\n${canonicalJson(event.data)}\n${canonicalJson(hashedMetadata)}`);
}

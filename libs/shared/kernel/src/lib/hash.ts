import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
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

import { createHash } from 'node:crypto';

/** Spec section 2: event ids are UUIDv5 of `{commandId}:{index}` in this namespace, so a retried command yields the same ids. */
export const EVENT_ID_NAMESPACE = '9f1c6a52-3c1e-4d4b-8f0a-5b7d2e6c1a90';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export function uuidV5(name: string, namespace: string): string {
  if (!isUuid(namespace)) throw new TypeError(`not a UUID namespace: ${namespace}`);
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const digest = createHash('sha1').update(namespaceBytes).update(Buffer.from(name, 'utf8')).digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function eventIdFor(commandId: string, index: number): string {
  return uuidV5(`${commandId}:${index}`, EVENT_ID_NAMESPACE);
}

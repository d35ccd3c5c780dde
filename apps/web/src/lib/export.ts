import type { RecordedContractEvent } from './types';

/**
 * The export format of spec section 10: one event a line with `streamId, revision, globalPosition, type, data,
 * metadata`, the global position written as a JSON number. It is written from its digits, never through a
 * float, so a position beyond 2^53 survives.
 */
export function toNdjson(events: readonly RecordedContractEvent[]): string {
  return events
    .map((event) => {
      const position = /^\d+$/.test(event.globalPosition) ? event.globalPosition.replace(/^0+(?=\d)/, '') : JSON.stringify(event.globalPosition);
      const rest = JSON.stringify({ type: event.type, data: event.data, metadata: event.metadata }).slice(1);
      return `{"streamId":${JSON.stringify(event.streamId)},"revision":${event.revision},"globalPosition":${position},${rest}`;
    })
    .map((line) => `${line}\n`)
    .join('');
}

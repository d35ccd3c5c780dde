import { describe, expect, it } from 'vitest';
import { toNdjson } from './export';
import type { RecordedContractEvent } from './types';

const metadata = {
  actor: { sub: 'u', role: 'commissioner', org: 'LA' }, commandId: 'c', correlationId: 'r', recordedAt: '2024-05-03T09:00:00.000Z',
  schemaVersion: 1, prevHash: '0'.repeat(64), hash: 'a'.repeat(64),
};

describe('toNdjson', () => {
  it('writes one event a line in the export layout, the global position as a JSON number from its digits', () => {
    const event = { streamId: 'contract-C', revision: 0, globalPosition: '9007199254740993', id: 'x', type: 'ContractTerminated', data: { terminatedOn: '2024-05-01', reason: 'r' }, metadata } as RecordedContractEvent;
    const text = toNdjson([event, { ...event, revision: 1, globalPosition: '12' }]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0].startsWith('{"streamId":"contract-C","revision":0,"globalPosition":9007199254740993,"type":"ContractTerminated"')).toBe(true);
    expect(JSON.parse(lines[1])).toEqual({ streamId: 'contract-C', revision: 1, globalPosition: 12, type: 'ContractTerminated', data: event.data, metadata });
  });
});

import { eventHash, GENESIS_HASH, type RecordedEvent } from '@ledger/kernel';
import { verifyChain } from './verify-chain';

function chain(length: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let revision = 0; revision < length; revision++) {
    const unsealed = {
      actor: { sub: 'u1', role: 'commissioner', org: 'LA-TEST' },
      commandId: `c${revision}`,
      correlationId: 'k1',
      recordedAt: `2025-01-0${revision + 1}T00:00:00.000Z`,
      schemaVersion: 1,
    };
    const event = { type: 'Thing', data: { n: revision, note: 'pounds £' } };
    const hash = eventHash(prevHash, { ...event, metadata: unsealed });
    events.push({ streamId: 's', revision, globalPosition: String(revision + 1), id: `id${revision}`, ...event, metadata: { ...unsealed, prevHash, hash } });
    prevHash = hash;
  }
  return events;
}

describe('verifyChain', () => {
  it('accepts an intact chain and an empty stream', () => {
    expect(verifyChain(chain(4))).toBeUndefined();
    expect(verifyChain([])).toBeUndefined();
  });

  const tampered: Array<[string, (events: RecordedEvent[]) => void, number]> = [
    ['an edit of data breaks the edited revision', (events) => ((events[2].data as { n: number }).n = 99), 2],
    ['an edit of metadata breaks the edited revision', (events) => (events[1].metadata.correlationId = 'other'), 1],
    ['an edit of the type breaks the edited revision', (events) => (events[3].type = 'Other'), 3],
    ['a rewritten hash no longer matches its event', (events) => (events[1].metadata.hash = 'f'.repeat(64)), 1],
    ['a removed event breaks the revision sequence', (events) => events.splice(1, 1), 1],
  ];
  it.each(tampered)('%s', (_name, tamper, revision) => {
    const events = chain(4);
    tamper(events);
    expect(verifyChain(events)?.revision).toBe(revision);
  });
});

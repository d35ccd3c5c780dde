import type { ContractStreamEvent } from '@ledger/contracts-domain';
import { eventHash, GENESIS_HASH } from '@ledger/kernel';
import { EXAMPLES_DIR } from '@ledger/testing';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { reDecide } from './re-decide';

const EVENTS = readFileSync(path.join(EXAMPLES_DIR, '03-caps-and-reversal', 'events.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as ContractStreamEvent);

/** The chain sealed again after an edit, as a forger with the store's credentials would leave it. */
function resealed(events: readonly ContractStreamEvent[]): ContractStreamEvent[] {
  let prevHash = GENESIS_HASH;
  return events.map((event) => {
    const { prevHash: _prev, hash: _hash, ...metadata } = event.metadata;
    const hash = eventHash(prevHash, { type: event.type, data: event.data, metadata });
    const sealed = { ...event, metadata: { ...metadata, prevHash, hash } } as ContractStreamEvent;
    prevHash = hash;
    return sealed;
  });
}

describe('reDecide: re-deciding events read from outside', () => {
  it('answers as verifyContractHistory does for a sound stream', () => {
    expect(reDecide(EVENTS, {})).toMatchObject({ ok: true, events: EVENTS.length });
  });

  it.each([
    ['an event type no decider knows', (event: ContractStreamEvent) => ({ ...event, type: 'ContractRenegotiated' })],
    ['a known type whose data is not an object', (event: ContractStreamEvent) => ({ ...event, data: null })],
  ])('%s is a failing verdict at its revision, not a crash', (_name, edit) => {
    const at = 7;
    const events = resealed(EVENTS.map((event, i) => (i === at ? (edit(event) as unknown as ContractStreamEvent) : event)));
    expect(reDecide(events, {})).toMatchObject({ ok: false, revision: at });
  });
});

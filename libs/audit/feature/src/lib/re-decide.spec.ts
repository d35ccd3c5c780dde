import type { ContractStreamEvent } from '@ledger/contracts-domain';
import { EXAMPLES_DIR, resealed } from '@ledger/testing';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { reDecide } from './re-decide';

const EVENTS = readFileSync(path.join(EXAMPLES_DIR, '03-caps-and-reversal', 'events.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as ContractStreamEvent);

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

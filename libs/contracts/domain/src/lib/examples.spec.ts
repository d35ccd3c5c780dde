import { isRejection } from '@ledger/kernel';
import { frameworkKinds, loadExamples } from '../test/fixtures';
import { decide } from './decide';
import { commandFromEvent, nowOf } from './history';
import { foldContract } from './state';

const framework = frameworkKinds();
const examples = loadExamples();

describe('every event of every worked example is what deciding its command gives', () => {
  it('finds the nine examples', () => expect(examples.length).toBeGreaterThanOrEqual(9));

  describe.each(examples.map((example) => [example.name, example] as const))('%s', (_name, example) => {
    const rows = example.events.filter((event) => event.type !== 'ContractAgreed').map((event) => [`${event.revision} ${event.type}`, event] as const);

    it.each(rows)('%s', (_row, event) => {
      const before = example.events.slice(0, event.revision);
      const command = commandFromEvent(event, example.events[0].type === 'ContractDrafted' ? example.events[0].data.contractId : '');
      const now = nowOf(event.metadata.recordedAt);
      if (!command || !now) throw new Error('every event but ContractAgreed has a command and a clock');

      const decision = decide(command, foldContract(before), now, { framework });

      if (isRejection(decision)) throw new Error(`refused: ${decision.code} ${decision.message}`);
      const next = example.events[event.revision + 1];
      const expected = next?.type === 'ContractAgreed' ? [event, next] : [event];
      expect(decision.map(({ type, data }) => ({ type, data }))).toEqual(expected.map(({ type, data }) => ({ type, data })));
    });
  });
});

import fc from 'fast-check';
import { actionArbitrary, contractShapeArbitrary, generateContract } from '../testing/generated-contract';
import { computeStatements } from './statements';

describe('the fold of a long contract', () => {
  // About 10,000 events: a hundred children over two and a half years, thousands of claims, hundreds of
  // corrections, a variation a month. Fixed seeds keep the stream the same from run to run.
  const [shape] = fc.sample(contractShapeArbitrary, { seed: 42, numRuns: 1 });
  const [actions] = fc.sample(fc.array(actionArbitrary(100), { minLength: 30_000, maxLength: 30_000 }), { seed: 7, numRuns: 1 });
  const busy = actions.filter((action, index) => {
    if (action.kind === 'terminate' || (action.kind === 'wait' && action.days > 1)) return false;
    return action.kind !== 'vary' || index % 40 === 0;
  });
  const events = generateContract(shape, busy, '2026-10-01');

  it('folds in well under a second (bounded loosely here: this machine is shared)', () => {
    expect(events.length).toBeGreaterThan(9_000);
    computeStatements(events);
    const started = performance.now();
    const { closed } = computeStatements(events, { provisionalThrough: '2026-12-31' });
    const elapsedMs = performance.now() - started;
    expect(closed.length).toBeGreaterThan(24);
    expect(elapsedMs).toBeLessThan(2_000);
  });
});

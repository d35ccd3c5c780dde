import fc from 'fast-check';
import { actionArbitrary, contractShapeArbitrary, generateContract } from '../testing/generated-contract';
import { computeStatements, priceVerification, statementForClose } from './statements';

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

  it('folds in well under a second (about 0.2 s alone; bounded loosely as test machines are shared)', () => {
    expect(events.length).toBeGreaterThan(9_000);
    computeStatements(events);
    const started = performance.now();
    const { closed } = computeStatements(events, { provisionalThrough: '2026-12-31' });
    const elapsedMs = performance.now() - started;
    expect(closed.length).toBeGreaterThan(24);
    expect(elapsedMs).toBeLessThan(8_000);
  });

  it('re-decides the stream event by event (as verify and import do) without refolding from the start, agreeing with every recorded amount', () => {
    const started = performance.now();
    for (const event of events) {
      const before = events.slice(0, event.revision);
      if (event.type === 'OutcomeVerified') {
        expect(priceVerification(before, event.data.claimId).amountPence).toBe(event.data.amountPence);
      }
      if (event.type === 'PeriodClosed') {
        expect(statementForClose(before, event.data.period, event.metadata.recordedAt).statementHash).toBe(event.data.statementHash);
      }
    }
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});

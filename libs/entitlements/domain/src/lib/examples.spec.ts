import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, hashOfCanonical } from '@ledger/kernel';
import { EXAMPLES_DIR } from '../testing/shared-dir';
import { computeStatements, priceVerification, statementForClose } from './statements';
import type { FoldEvent, HashedStatement, StatementOptions } from './statement';

interface Example {
  name: string;
  events: FoldEvent[];
  expected: { options: StatementOptions; statements: HashedStatement[] };
}

function loadExamples(): Example[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(EXAMPLES_DIR, entry.name, 'expected-statements.json')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      events: readFileSync(join(EXAMPLES_DIR, name, 'events.ndjson'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as FoldEvent),
      expected: JSON.parse(readFileSync(join(EXAMPLES_DIR, name, 'expected-statements.json'), 'utf8')),
    }));
}

const examples = loadExamples();

describe('the worked examples of spec/examples', () => {
  it('finds every example folder', () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
  });

  describe.each(examples.map((example) => [example.name, example] as const))('%s', (_name, example) => {
    const computed = computeStatements(example.events, example.expected.options);
    const expectedClosed = example.expected.statements.filter((s) => s.statement.status === 'closed');
    const expectedProvisional = example.expected.statements.find((s) => s.statement.status === 'provisional');

    it('states every closed statement, byte for byte, with its hash', () => {
      expect(computed.closed.map((s) => s.statement)).toEqual(expectedClosed.map((s) => s.statement));
      for (const [index, expected] of expectedClosed.entries()) {
        const { asOf: _asOf, ...hashed } = expected.statement;
        expect(hashOfCanonical(hashed)).toBe(expected.statementHash);
        expect(canonicalJson(computed.closed[index].statement)).toBe(canonicalJson(expected.statement));
        expect(computed.closed[index].statementHash).toBe(expected.statementHash);
      }
    });

    it('states the provisional statement when the example asks for one', () => {
      expect(computed.provisional?.statement).toEqual(expectedProvisional?.statement);
      expect(computed.provisional?.statementHash).toBe(expectedProvisional?.statementHash);
    });

    it('reproduces the totals and statementHash each PeriodClosed recorded, from the events before it', () => {
      const closes = example.events.filter((event) => event.type === 'PeriodClosed');
      expect(closes.length).toBe(expectedClosed.length);
      for (const close of closes) {
        if (close.type !== 'PeriodClosed') continue;
        const before = example.events.filter((event) => event.revision < close.revision);
        const stated = statementForClose(before, close.data.period, close.metadata.recordedAt);
        expect(stated.statement.totals).toEqual(close.data.totals);
        expect(stated.statementHash).toBe(close.data.statementHash);
      }
    });

    it('prices every OutcomeVerified as it was recorded, from the events before it', () => {
      for (const verified of example.events) {
        if (verified.type !== 'OutcomeVerified') continue;
        const before = example.events.filter((event) => event.revision < verified.revision);
        const { claimId, pricePence, amountPence, cappedBy } = verified.data;
        expect(priceVerification(before, claimId)).toEqual(cappedBy === undefined ? { pricePence, amountPence } : { pricePence, amountPence, cappedBy });
      }
    });
  });
});

import { contractTimeline } from '@ledger/contracts-model';
import { loadExamples } from '../test/fixtures';
import { type ExistingContract, foldContract } from './state';
import { timelineOf } from './timeline-of';

function answers(timeline: ReturnType<typeof contractTimeline>) {
  const from = timeline.startDate ?? '';
  return { lastCoveredDay: timeline.lastCoveredDay, endDate: timeline.endDate, segments: timeline.termsSegments(from, '2027-12-31') };
}

describe('timelineOf', () => {
  const examples = loadExamples().filter((example) => ['04-backdated-variation', '08-termination'].includes(example.name));

  it.each(examples.map((example) => [example.name, example.events] as const))(
    'answers for %s as a fresh timeline, whatever order prefixes are asked in (longest, shortest, then growing)',
    (_name, events) => {
      const lengths = [events.length, 1, ...events.map((_event, index) => index + 1), 2, events.length];
      for (const length of lengths) {
        const prefix = events.slice(0, length);
        const state = foldContract(prefix) as ExistingContract;
        expect(answers(timelineOf(state))).toEqual(answers(contractTimeline(prefix)));
      }
    },
  );
});

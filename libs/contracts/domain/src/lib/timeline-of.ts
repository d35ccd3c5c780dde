import { contractTimeline, type ContractTimeline } from '@ledger/contracts-model';
import type { IsoDate } from '@ledger/kernel';
import type { ContractStreamEvent, ExistingContract } from './state';

/** The timeline of a drafted contract: its stream starts with `ContractDrafted`, so its dates are known. */
export type DraftedTimeline = ContractTimeline & { readonly startDate: IsoDate; readonly endDate: IsoDate; readonly lastCoveredDay: IsoDate };

const timelinesByStream = new WeakMap<ContractStreamEvent, { timeline: ContractTimeline; read: ContractStreamEvent[] }>();

/**
 * The timeline (ADR 0006) of the stream a contract state was folded from: the rules ask it which terms are in
 * force and which days are covered, as the fold does, so a rule never reads a day otherwise than a statement.
 * It is kept per stream and continued when asked about the same events plus later ones (a history re-decided
 * event by event), so it answers for one decision: a later question may move it on.
 */
export function timelineOf(s: ExistingContract): DraftedTimeline {
  const events = s.events;
  const kept = timelinesByStream.get(events[0]);
  if (kept && kept.read.length <= events.length && kept.read.every((event, index) => event === events[index])) {
    for (let index = kept.read.length; index < events.length; index++) {
      kept.timeline.apply(events[index]);
      kept.read.push(events[index]);
    }
    return kept.timeline as DraftedTimeline;
  }
  const timeline = contractTimeline(events);
  timelinesByStream.set(events[0], { timeline, read: [...events] });
  return timeline as DraftedTimeline;
}

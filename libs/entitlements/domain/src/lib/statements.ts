import { parseInstant, type IsoDate, type Period } from '@ledger/kernel';
import { EntitlementLedger, type VerificationPrice } from './ledger';
import type { FoldEvent, HashedStatement, StatementOptions } from './statement';

export function foldLedger(events: Iterable<FoldEvent>, keepsStatements = true): EntitlementLedger {
  const ledger = new EntitlementLedger(keepsStatements);
  for (const event of events) ledger.apply(event);
  return ledger;
}

/**
 * Spec section 5: the closed statements (each from the events before its `PeriodClosed`, `asOf` that close's
 * `recordedAt`) and, with `provisionalThrough`, the open period's statement through that day. With `asOf`, only
 * what the ledger knew then is read.
 */
export function computeStatements(
  events: readonly FoldEvent[],
  options: StatementOptions = {},
): { closed: HashedStatement[]; provisional?: HashedStatement } {
  const known = options.asOf ? eventsAsOf(events, options.asOf) : events;
  const ledger = foldLedger(known);
  if (options.provisionalThrough === undefined) return { closed: ledger.closed };
  const asOf = options.asOf && 'recordedAt' in options.asOf ? options.asOf.recordedAt : undefined;
  return { closed: ledger.closed, provisional: ledger.provisionalStatement(options.provisionalThrough, asOf) };
}

/** What a close of `period` recorded at `recordedAt` would state, given every event before it. */
export function statementForClose(events: readonly FoldEvent[], period: Period, recordedAt: string): HashedStatement {
  return ledgerAfter(events).closingStatement(period, recordedAt);
}

/** The open period's statement through day `through`, with `asOf` stated verbatim. */
export function provisionalStatement(events: readonly FoldEvent[], through: IsoDate, asOf: string): HashedStatement {
  return ledgerAfter(events).provisionalStatement(through, asOf);
}

/** The price, amount and cap a verification of `claimId` fixes, given every event before it (spec section 4). */
export function priceVerification(events: readonly FoldEvent[], claimId: string): VerificationPrice {
  return ledgerAfter(events).priceVerification(claimId);
}

/**
 * Replaying a history (`ledger verify`, `ledger import events`) re-decides every event, and each verification
 * and close asks about the same stream one event longer: folding it from the start each time would be
 * quadratic. So the fold of a stream is kept, keyed weakly by its first event, and continued when the events
 * asked about are the events it has read (the same objects, in the same order) plus later ones. The answer is
 * the one a fresh fold gives; only the work differs.
 */
const foldsByStream = new WeakMap<FoldEvent, { ledger: EntitlementLedger; read: FoldEvent[] }>();

function ledgerAfter(events: readonly FoldEvent[]): EntitlementLedger {
  const first = events[0];
  if (first === undefined) return new EntitlementLedger(false);
  const kept = foldsByStream.get(first);
  if (kept && kept.read.length <= events.length && kept.read.every((event, index) => event === events[index])) {
    try {
      for (let index = kept.read.length; index < events.length; index++) {
        kept.ledger.apply(events[index]);
        kept.read.push(events[index]);
      }
    } catch (error) {
      foldsByStream.delete(first);
      throw error;
    }
    return kept.ledger;
  }
  const ledger = foldLedger(events, false);
  foldsByStream.set(first, { ledger, read: [...events] });
  return ledger;
}

/** The events the ledger knew at a moment: `recordedAt <=` an instant, or `globalPosition <=` a position. */
export function eventsAsOf(events: readonly FoldEvent[], asOf: NonNullable<StatementOptions['asOf']>): FoldEvent[] {
  if ('recordedAt' in asOf) {
    const limit = parseInstant(asOf.recordedAt);
    if (limit === undefined) throw new TypeError(`not an instant: ${asOf.recordedAt}`);
    return events.filter((event) => (parseInstant(event.metadata.recordedAt) ?? Infinity) <= limit);
  }
  const limit = BigInt(asOf.position);
  return events.filter((event) => event.globalPosition !== undefined && BigInt(event.globalPosition) <= limit);
}

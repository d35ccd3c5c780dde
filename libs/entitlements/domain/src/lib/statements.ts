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
  return foldLedger(events, false).closingStatement(period, recordedAt);
}

/** The open period's statement through day `through`, with `asOf` stated verbatim. */
export function provisionalStatement(events: readonly FoldEvent[], through: IsoDate, asOf: string): HashedStatement {
  return foldLedger(events, false).provisionalStatement(through, asOf);
}

/** The price, amount and cap a verification of `claimId` fixes, given every event before it (spec section 4). */
export function priceVerification(events: readonly FoldEvent[], claimId: string): VerificationPrice {
  return foldLedger(events, false).priceVerification(claimId);
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

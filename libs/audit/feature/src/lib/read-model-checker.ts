import type { HashedStatement } from '@ledger/entitlements-domain';
import type { RecordedEvent } from '@ledger/kernel';

/** A closed period as the fold states it, with the revision of the `PeriodClosed` that settled it. */
export interface FoldedClose {
  period: string;
  revision: number;
  statement: HashedStatement;
}

/** What the fold makes of a contract's stored events: the truth every read model is compared with. */
export interface FoldedContract {
  contractId: string;
  events: readonly RecordedEvent[];
  closes: readonly FoldedClose[];
}

/** One read-model row that is not what the fold gives. */
export interface ReadModelDiscrepancy {
  /** The stream revision the row derives from (a statement: its `PeriodClosed`). */
  revision: number;
  /** The row, in the read model's own terms (e.g. `2024-05` for a statement). */
  key: string;
  reason: string;
  expected?: unknown;
  found?: unknown;
}

/**
 * What one read model's comparison found. `skipped`: it could not compare (no such table in this store);
 * `note`: what it left out (rows the projection has not reached yet).
 */
export type ReadModelCheck = { skipped: string } | { discrepancies: ReadModelDiscrepancy[]; note?: string };

/**
 * Compares one read model's rows for a contract with the fold. Verify takes a list of them, so a read model
 * added later brings its own checker and verify needs no change.
 */
export interface ReadModelChecker {
  /** Names the read model in the report, e.g. `statements`. */
  readonly name: string;
  check(contract: FoldedContract): Promise<ReadModelCheck>;
}

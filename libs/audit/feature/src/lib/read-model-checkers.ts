import type { SqlQueryable } from '@ledger/event-store';
import { providerEarningsChecker } from './provider-earnings-checker';
import type { ReadModelChecker } from './read-model-checker';
import { relationshipHistoryChecker } from './relationship-history-checker';
import { statementsChecker } from './statements-checker';

/**
 * Every read model a contract's verification compares with its events and the fold. The outcome benchmarks and the
 * partnership figures aggregate many contracts, so no row of theirs is one contract's to compare.
 */
export function readModelCheckers(database: SqlQueryable): ReadModelChecker[] {
  return [statementsChecker(database), providerEarningsChecker(database), relationshipHistoryChecker(database)];
}

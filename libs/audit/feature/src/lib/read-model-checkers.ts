import type { SqlQueryable } from '@ledger/event-store';
import { providerEarningsChecker } from './provider-earnings-checker';
import type { ReadModelChecker } from './read-model-checker';
import { statementsChecker } from './statements-checker';

/**
 * Every read model a contract's verification compares with the fold. The partnership history and the outcome
 * benchmarks aggregate many contracts into one figure, so no row of theirs belongs to one contract to compare.
 */
export function readModelCheckers(database: SqlQueryable): ReadModelChecker[] {
  return [statementsChecker(database), providerEarningsChecker(database)];
}

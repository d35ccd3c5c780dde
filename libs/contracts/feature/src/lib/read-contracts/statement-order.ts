import type { Statement, StatementLine } from '@ledger/entitlements-domain';

/**
 * The order the fold writes each object's keys in (spec section 5's statements, as in the worked examples).
 * A statement read back from a jsonb column comes with its keys in jsonb's order (shortest first); putting them
 * back makes an answer from the read model the same bytes as the fold's. A key missing here keeps its place after
 * these, so nothing is ever dropped; the read-contracts statement spec compares both paths byte for byte.
 */
const STATEMENT_KEYS = ['contractId', 'period', 'status', 'asOf', 'lines', 'totals'];
const TOTALS_KEYS = ['feesPence', 'outcomesPence', 'clawbacksPence', 'earnedPence', 'paidPence', 'earnedToDatePence', 'paidToDatePence', 'balancePence'];
const LINE_KEYS: Record<StatementLine['type'], readonly string[]> = {
  fee: ['type', 'placementId', 'childRef', 'feeCode', 'days', 'amountPence', 'sources'],
  'fee-adjustment': ['type', 'placementId', 'childRef', 'feeCode', 'forPeriod', 'days', 'recomputedPence', 'accountedPence', 'amountPence', 'sources'],
  outcome: ['type', 'claimId', 'placementId', 'childRef', 'outcomeCode', 'pricePence', 'amountPence', 'sources', 'cappedBy'],
  clawback: ['type', 'claimId', 'placementId', 'childRef', 'outcomeCode', 'amountPence', 'sources'],
  duration: ['type', 'childRef', 'outcomeCode', 'unitKey', 'k', 'completedOn', 'pricePence', 'amountPence', 'sources', 'cappedBy'],
  'duration-clawback': ['type', 'childRef', 'outcomeCode', 'unitKey', 'k', 'completedOn', 'forPeriod', 'amountPence', 'sources'],
};

function ordered<T extends object>(value: T, keys: readonly string[]): T {
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of keys) if (key in source) result[key] = source[key];
  for (const key of Object.keys(source)) if (!(key in result)) result[key] = source[key];
  return result as T;
}

/** A stored statement with its keys in the fold's order. */
export function inFoldOrder(statement: Statement): Statement {
  const lines = statement.lines.map((line) => ordered(line, LINE_KEYS[line.type] ?? []));
  return ordered({ ...statement, lines, totals: ordered(statement.totals, TOTALS_KEYS) }, STATEMENT_KEYS);
}

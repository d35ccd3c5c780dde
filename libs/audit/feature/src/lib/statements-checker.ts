import { hashedStatement } from '@ledger/entitlements-domain';
import { STATEMENTS, type StoredStatement } from '@ledger/entitlements-feature';
import type { SqlQueryable } from '@ledger/event-store';
import { canonicalJson } from '@ledger/kernel';
import type { FoldedClose, ReadModelCheck, ReadModelChecker, ReadModelDiscrepancy } from './read-model-checker';
import { projectedBy, readModelRows } from './read-model-table';

/**
 * The `statements` read model (one row per closed period) against the fold: every close the projection has
 * reached must have its row, equal member for member to the fold's statement, with the close's position; a
 * row the fold does not give is a discrepancy too. Rows past the projection's checkpoint are lag, not faults.
 */
export function statementsChecker(database: SqlQueryable): ReadModelChecker {
  return {
    name: STATEMENTS,
    async check({ contractId, events, closes }): Promise<ReadModelCheck> {
      const read = await readModelRows<StoredStatement>(database, STATEMENTS, contractId);
      if ('skipped' in read) return read;
      const { position, rows: stored } = read;

      const discrepancies: ReadModelDiscrepancy[] = [];
      let pending = 0;
      for (const close of closes) {
        const closedAt = events[close.revision].globalPosition;
        const row = stored.get(close.period);
        stored.delete(close.period);
        if (!projectedBy(closedAt, position)) {
          pending += 1;
          continue;
        }
        if (row === undefined) {
          discrepancies.push({ revision: close.revision, key: close.period, reason: 'no row for this closed period', expected: close.statement.statementHash });
          continue;
        }
        discrepancies.push(...rowDifferences(row, close, closedAt));
      }
      const head = events.length - 1;
      for (const [period, row] of stored) {
        discrepancies.push({ revision: head, key: period, reason: 'a row for a period the stream never closed', found: row.statementHash });
      }
      return pending === 0 ? { discrepancies } : { discrepancies, note: `${pending} closed periods are past its checkpoint ${position} and were not compared` };
    },
  };
}

/** What differs between a stored row and the fold's statement, most telling first. */
function rowDifferences(row: StoredStatement, close: FoldedClose, closedAt: string): ReadModelDiscrepancy[] {
  const at = { revision: close.revision, key: close.period };
  const expected = close.statement;
  const differences: ReadModelDiscrepancy[] = [];
  if (row.statementHash !== expected.statementHash) {
    differences.push({ ...at, reason: 'statementHash differs from the fold\'s', expected: expected.statementHash, found: row.statementHash });
  }
  if (canonicalJson(row.statement) !== canonicalJson(expected.statement)) {
    const recomputed = row.statement ? hashedStatement(row.statement).statementHash : undefined;
    const members = (['lines', 'totals', 'asOf', 'status', 'period', 'contractId'] as const).filter(
      (member) => canonicalJson(row.statement?.[member] ?? null) !== canonicalJson(expected.statement[member]),
    );
    differences.push({
      ...at,
      reason: `the stored statement differs from the fold's in ${members.join(', ')}${recomputed === row.statementHash ? '' : ' (and no longer matches its own statementHash)'}`,
      expected: pick(expected.statement, members),
      found: pick(row.statement ?? {}, members),
    });
  }
  if (row.closedAt !== closedAt) differences.push({ ...at, reason: "closedAt is not the close's global position", expected: closedAt, found: row.closedAt });
  return differences;
}

function pick(statement: object, members: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(members.map((member) => [member, (statement as Record<string, unknown>)[member]]));
}

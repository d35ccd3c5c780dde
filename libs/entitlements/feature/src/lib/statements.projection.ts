import type { HashedStatement } from '@ledger/entitlements-domain';
import type { FoldedEvent } from './contract-folds';
import type { Projection, ProjectionContext } from './projection';

export const STATEMENTS = 'statements';

/** A closed statement as stored: scope = contractId, key = period. */
export interface StoredStatement extends HashedStatement {
  [field: string]: unknown;
  commissionerId: string;
  providerId: string;
  /** The position of the `PeriodClosed` that settled it: a read as of an earlier position does not see it. */
  closedAt: string;
}

/** Spec section 5: each closed statement, stored when its `PeriodClosed` arrives (a closed statement never changes). */
export const statementsProjection: Projection = {
  name: STATEMENTS,
  async apply({ event, contract, closed }: FoldedEvent, { docs }: ProjectionContext): Promise<void> {
    if (closed === undefined) return;
    const row: StoredStatement = {
      statementHash: closed.statementHash,
      statement: closed.statement,
      commissionerId: contract.commissionerId,
      providerId: contract.providerId,
      closedAt: event.globalPosition,
    };
    // Never read back while projecting (a closed statement never changes): written, not kept in memory.
    docs.append(contract.contractId, closed.statement.period, row);
  },
};

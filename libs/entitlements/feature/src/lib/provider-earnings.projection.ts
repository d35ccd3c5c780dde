import type { FoldedEvent } from './contract-folds';
import type { Projection, ProjectionContext } from './projection';

export const PROVIDER_EARNINGS = 'provider_earnings';

/** scope = providerId, key = `period/{YYYY-MM}/{contractId}`: one closed statement's totals. */
export interface EarningsRow {
  [field: string]: unknown;
  period: string;
  contractId: string;
  commissionerId: string;
  earnedPence: number;
  paidPence: number;
  statementHash: string;
}

/** scope = providerId, key = `claim/{contractId}/{claimId}`: a claim awaiting its decision. */
export interface PendingClaimRow {
  [field: string]: unknown;
  contractId: string;
  commissionerId: string;
  claimId: string;
  childRef: string;
  outcomeCode: string;
  achievedOn: string;
  claimedOn: string;
}

/** Spec section 6, provider earnings: every closed statement's earned and paid, and the claims still pending. */
export const providerEarningsProjection: Projection = {
  name: PROVIDER_EARNINGS,
  async apply({ event, contract, closed }: FoldedEvent, { docs }: ProjectionContext): Promise<void> {
    const provider = contract.providerId;
    switch (event.type) {
      case 'OutcomeClaimed': {
        const row: PendingClaimRow = {
          contractId: contract.contractId,
          commissionerId: contract.commissionerId,
          claimId: event.data.claimId,
          childRef: event.data.childRef,
          outcomeCode: event.data.outcomeCode,
          achievedOn: event.data.achievedOn,
          claimedOn: event.data.claimedOn,
        };
        docs.put(provider, `claim/${contract.contractId}/${event.data.claimId}`, row);
        return;
      }
      case 'OutcomeVerified':
      case 'OutcomeRejected':
        docs.delete(provider, `claim/${contract.contractId}/${event.data.claimId}`);
        return;
      case 'PeriodClosed': {
        if (closed === undefined) return;
        const row: EarningsRow = {
          period: closed.statement.period,
          contractId: contract.contractId,
          commissionerId: contract.commissionerId,
          earnedPence: closed.statement.totals.earnedPence,
          paidPence: closed.statement.totals.paidPence,
          statementHash: closed.statementHash,
        };
        docs.put(provider, `period/${row.period}/${contract.contractId}`, row);
        return;
      }
      default:
        return;
    }
  },
};

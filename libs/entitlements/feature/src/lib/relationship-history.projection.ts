import type { FoldedEvent, FollowedContract } from './contract-folds';
import type { Projection, ProjectionContext } from './projection';

export const RELATIONSHIP_HISTORY = 'relationship_history';

export function partnershipScope(commissionerId: string, providerId: string): string {
  return `${commissionerId}/${providerId}`;
}

/** Keys sort as positions do (decimal positions of up to 20 digits). */
export function timelineKey(globalPosition: string): string {
  return `event/${globalPosition.padStart(20, '0')}`;
}

/** scope = partnership, key = `event/{position}`: one line of the partnership's timeline. */
export interface TimelineRow {
  [field: string]: unknown;
  contractId: string;
  revision: number;
  globalPosition: string;
  type: string;
  recordedAt: string;
  actor: { sub: string; role: string; org: string };
  data: unknown;
}

export interface ClaimFacts {
  outcomeCode: string;
  category: string;
  claimedOn: string;
  decision?: 'verified' | 'rejected';
  decidedOn?: string;
  reversed?: boolean;
}

/** scope = partnership, key = `contract/{contractId}`: the facts section 6's figures are computed from. */
export interface PartnershipContractRow {
  [field: string]: unknown;
  contractId: string;
  startDate: string;
  endDate: string;
  terminatedOn?: string;
  placements: Record<string, { childRef: string; startDate: string; endDate: string | null }>;
  claims: Record<string, ClaimFacts>;
  durationUnitsAwarded: number;
  earnedPence: number;
  paidPence: number;
}

/** Spec section 6, relationship history: every event of the partnership's contracts and the facts of its figures. */
export const relationshipHistoryProjection: Projection = {
  name: RELATIONSHIP_HISTORY,
  async apply({ event, contract, closed }: FoldedEvent, { docs, client }: ProjectionContext): Promise<void> {
    const scope = partnershipScope(contract.commissionerId, contract.providerId);
    const line: TimelineRow = {
      contractId: contract.contractId,
      revision: event.revision,
      globalPosition: event.globalPosition,
      type: event.type,
      recordedAt: event.metadata.recordedAt,
      actor: event.metadata.actor,
      data: event.data,
    };
    docs.append(scope, timelineKey(event.globalPosition), line);

    const key = `contract/${contract.contractId}`;
    const row = (await docs.get<PartnershipContractRow>(client, scope, key)) ?? emptyRow(contract);
    refreshDates(row, contract);
    switch (event.type) {
      case 'PlacementStarted':
      case 'PlacementEnded':
      case 'PlacementDatesCorrected': {
        const placement = contract.ledger.timeline.placement(event.data.placementId);
        if (placement) row.placements[placement.placementId] = { childRef: placement.childRef, startDate: placement.startDate, endDate: placement.endDate };
        break;
      }
      case 'OutcomeClaimed': {
        const outcome = contract.ledger.timeline.termsOn(event.data.achievedOn).outcomes.find((candidate) => candidate.code === event.data.outcomeCode);
        row.claims[event.data.claimId] = { outcomeCode: event.data.outcomeCode, category: outcome?.category ?? 'unknown', claimedOn: event.data.claimedOn };
        break;
      }
      case 'OutcomeVerified':
        decide(row, event.data.claimId, 'verified', event.data.verifiedOn);
        break;
      case 'OutcomeRejected':
        decide(row, event.data.claimId, 'rejected', event.data.rejectedOn);
        break;
      case 'OutcomeReversed': {
        const claim = row.claims[event.data.claimId];
        if (claim) claim.reversed = true;
        break;
      }
      case 'PeriodClosed':
        if (closed) {
          for (const statementLine of closed.statement.lines) {
            if (statementLine.type === 'duration') row.durationUnitsAwarded++;
            else if (statementLine.type === 'duration-clawback') row.durationUnitsAwarded--;
          }
          row.earnedPence += closed.statement.totals.earnedPence;
          row.paidPence += closed.statement.totals.paidPence;
        }
        break;
      default:
        break;
    }
    docs.put(scope, key, row);
  },
};

function emptyRow(contract: FollowedContract): PartnershipContractRow {
  return { contractId: contract.contractId, startDate: '', endDate: '', placements: {}, claims: {}, durationUnitsAwarded: 0, earnedPence: 0, paidPence: 0 };
}

function refreshDates(row: PartnershipContractRow, contract: FollowedContract): void {
  const timeline = contract.ledger.timeline;
  row.startDate = timeline.startDate ?? row.startDate;
  row.endDate = timeline.endDate ?? row.endDate;
  if (timeline.terminatedOn !== undefined) row.terminatedOn = timeline.terminatedOn;
}

function decide(row: PartnershipContractRow, claimId: string, decision: 'verified' | 'rejected', on: string): void {
  const claim = row.claims[claimId];
  if (claim) {
    claim.decision = decision;
    claim.decidedOn = on;
  }
}

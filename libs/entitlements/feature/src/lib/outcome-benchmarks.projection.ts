import type { FoldedEvent, FollowedContract } from './contract-folds';
import type { Projection, ProjectionContext } from './projection';

export const OUTCOME_BENCHMARKS = 'outcome_benchmarks';

/**
 * scope = providerId, key = `outcome/{code}/{contractId}`: one contract's part of a benchmark, for each outcome
 * code any of its terms versions names.
 */
export interface BenchmarkContractRow {
  [field: string]: unknown;
  outcomeCode: string;
  contractId: string;
  commissionerId: string;
  /** childRef -> the earliest start of the child's placements in the contract. */
  children: Record<string, string>;
  /** Claims of the code, pending or verified; a rejection or a reversal removes them. */
  claims: Record<string, { childRef: string; achievedOn: string; placementId: string; verified: boolean; placementStart?: string }>;
  /** Duration units of the code awarded and not clawed back, by unitKey. */
  units: Record<string, { childRef: string; completedOn: string }>;
}

/** scope = providerId, key = `earned/{contractId}`: the earned total of the contract's closed statements. */
export interface ProviderEarnedRow {
  [field: string]: unknown;
  contractId: string;
  earnedPence: number;
}

/** Spec section 6, outcome benchmarks: children placed and achieving, per outcome code and provider. */
export const outcomeBenchmarksProjection: Projection = {
  name: OUTCOME_BENCHMARKS,
  async apply({ event, contract, closed }: FoldedEvent, { docs, client }: ProjectionContext): Promise<void> {
    const provider = contract.providerId;
    const rowOf = async (code: string) =>
      (await docs.get<BenchmarkContractRow>(client, provider, benchmarkKey(code, contract.contractId))) ?? emptyRow(code, contract);
    const save = (row: BenchmarkContractRow) => docs.put(provider, benchmarkKey(row.outcomeCode, contract.contractId), row);

    switch (event.type) {
      case 'ContractDrafted':
      case 'ContractTermsAmended':
      case 'VariationAccepted':
      case 'PlacementStarted':
      case 'PlacementDatesCorrected': {
        const children = childrenOf(contract);
        for (const code of outcomeCodesOf(contract)) {
          const row = await rowOf(code);
          row.children = children;
          save(row);
        }
        return;
      }
      case 'OutcomeClaimed': {
        const row = await rowOf(event.data.outcomeCode);
        row.claims[event.data.claimId] = { childRef: event.data.childRef, achievedOn: event.data.achievedOn, placementId: event.data.placementId, verified: false };
        save(row);
        return;
      }
      case 'OutcomeVerified':
      case 'OutcomeRejected':
      case 'OutcomeReversed':
        for (const code of outcomeCodesOf(contract)) {
          const row = await rowOf(code);
          const claim = row.claims[event.data.claimId];
          if (claim === undefined) continue;
          if (event.type === 'OutcomeVerified') {
            claim.verified = true;
            const placementStart = contract.ledger.timeline.placement(claim.placementId)?.startDate;
            if (placementStart !== undefined) claim.placementStart = placementStart;
          } else {
            delete row.claims[event.data.claimId];
          }
          save(row);
        }
        return;
      case 'PeriodClosed': {
        if (closed === undefined) return;
        for (const line of closed.statement.lines) {
          if (line.type !== 'duration' && line.type !== 'duration-clawback') continue;
          const row = await rowOf(line.outcomeCode);
          if (line.type === 'duration') row.units[line.unitKey] = { childRef: line.childRef, completedOn: line.completedOn };
          else delete row.units[line.unitKey];
          save(row);
        }
        const key = `earned/${contract.contractId}`;
        const earned = (await docs.get<ProviderEarnedRow>(client, provider, key)) ?? { contractId: contract.contractId, earnedPence: 0 };
        earned.earnedPence += closed.statement.totals.earnedPence;
        docs.put(provider, key, earned);
        return;
      }
      default:
        return;
    }
  },
};

export function benchmarkKey(outcomeCode: string, contractId: string): string {
  return `outcome/${outcomeCode}/${contractId}`;
}

function emptyRow(outcomeCode: string, contract: FollowedContract): BenchmarkContractRow {
  return { outcomeCode, contractId: contract.contractId, commissionerId: contract.commissionerId, children: childrenOf(contract), claims: {}, units: {} };
}

function outcomeCodesOf(contract: FollowedContract): Set<string> {
  const codes = new Set<string>();
  for (const version of contract.ledger.timeline.versions()) for (const outcome of version.terms.outcomes) codes.add(outcome.code);
  return codes;
}

function childrenOf(contract: FollowedContract): Record<string, string> {
  const children: Record<string, string> = {};
  for (const placement of contract.ledger.timeline.placements()) {
    const known = children[placement.childRef];
    if (known === undefined || placement.startDate < known) children[placement.childRef] = placement.startDate;
  }
  return children;
}

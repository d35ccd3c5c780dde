import type { OutcomeCategory, OutcomeDefinition, RecordedContractEvent, StatementTotals, Terms } from '@ledger/contracts-model';

export type { OutcomeCategory, OutcomeDefinition, RecordedContractEvent, StatementTotals, Terms };
export type { Fee, TermsOutcome, Party } from '@ledger/contracts-model';

/**
 * One row of `GET /api/contracts` (spec section 9 leaves the read model's fields open: these are the ones the
 * list shows; docs/web.md records the assumption).
 */
export interface ContractSummary {
  contractId: string;
  title?: string;
  commissionerId?: string;
  providerId?: string;
  status?: string;
  startDate?: string;
  endDate?: string;
}

/** A statement line (examples/README.md): the fields every type has, plus the type's own. */
export interface StatementLine {
  type: 'fee' | 'fee-adjustment' | 'outcome' | 'clawback' | 'duration' | 'duration-clawback';
  amountPence: number;
  sources: number[];
  placementId?: string;
  childRef?: string;
  feeCode?: string;
  days?: number;
  forPeriod?: string;
  recomputedPence?: number;
  accountedPence?: number;
  claimId?: string;
  outcomeCode?: string;
  pricePence?: number;
  cappedBy?: 'perChild' | 'contract';
  unitKey?: string;
  k?: number;
  completedOn?: string;
}

export interface Statement {
  contractId: string;
  period: string;
  status: 'closed' | 'provisional';
  asOf: string;
  lines: StatementLine[];
  totals: StatementTotals;
}

/** A catalogue entry of `GET /api/outcome-framework`, normalised by `frameworkEntries`. */
export interface FrameworkEntry {
  code: string;
  version?: number;
  name: string;
  category: OutcomeCategory;
  definition: OutcomeDefinition;
  indicativePricePence?: number;
  source?: string;
  retired: boolean;
}

/** Money per month, as the earnings and partnership read models give it (from closed statements). */
export interface PeriodFigures {
  period: string;
  earnedPence: number;
  paidPence: number;
  balancePence: number;
}

export interface PendingClaim {
  contractId: string;
  claimId: string;
  outcomeCode?: string;
  childRef?: string;
  claimedOn: string;
  ageDays?: number;
}

/** `GET /api/providers/{id}/earnings` (spec section 6). */
export interface ProviderEarnings {
  providerId: string;
  periods: PeriodFigures[];
  pendingClaims?: PendingClaim[];
}

export interface PartnershipFigures {
  contracts?: number;
  placements?: number;
  children?: number;
  daysOfCare?: number;
  outcomesVerified?: { hard?: number; soft?: number };
  durationUnitsAwarded?: number;
  rejectionRateBasisPoints?: number;
  medianDaysToDecision?: number;
  earnedPence?: number;
  paidPence?: number;
  balancePence?: number;
}

/** `GET /api/partnerships/{commissionerId}/{providerId}/history`: figures, money per month and a page of the timeline. */
export interface PartnershipHistory {
  commissionerId: string;
  providerId: string;
  figures?: PartnershipFigures;
  periods?: PeriodFigures[];
  items?: RecordedContractEvent[];
  next?: string | null;
}

/** `GET /api/audit/contracts/{id}/verify`: read leniently, since only `ok` and the first bad revision are fixed by section 10. */
export interface VerifyReport {
  ok: boolean;
  firstBadRevision?: number;
  checks?: { name: string; ok: boolean; detail?: string }[];
  [key: string]: unknown;
}

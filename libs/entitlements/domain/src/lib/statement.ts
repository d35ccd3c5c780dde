import type { IsoDate, Period } from '@ledger/kernel';
import type { ContractEventData, ContractEventType, StatementTotals } from '@ledger/contracts-model';

export type { StatementTotals } from '@ledger/contracts-model';

export type CappedBy = 'perChild' | 'contract';

export interface FeeLine {
  type: 'fee';
  placementId: string;
  childRef: string;
  feeCode: string;
  days: number;
  amountPence: number;
  sources: number[];
}

export interface FeeAdjustmentLine {
  type: 'fee-adjustment';
  placementId: string;
  childRef: string;
  feeCode: string;
  forPeriod: Period;
  days: number;
  recomputedPence: number;
  accountedPence: number;
  amountPence: number;
  sources: number[];
}

export interface OutcomeLine {
  type: 'outcome';
  claimId: string;
  placementId: string;
  childRef: string;
  outcomeCode: string;
  pricePence: number;
  amountPence: number;
  cappedBy?: CappedBy;
  sources: number[];
}

export interface ClawbackLine {
  type: 'clawback';
  claimId: string;
  placementId: string;
  childRef: string;
  outcomeCode: string;
  amountPence: number;
  sources: number[];
}

export interface DurationLine {
  type: 'duration';
  childRef: string;
  outcomeCode: string;
  unitKey: string;
  k: number;
  completedOn: IsoDate;
  pricePence: number;
  amountPence: number;
  cappedBy?: CappedBy;
  sources: number[];
}

export interface DurationClawbackLine {
  type: 'duration-clawback';
  childRef: string;
  outcomeCode: string;
  unitKey: string;
  k: number;
  completedOn: IsoDate;
  forPeriod: Period;
  amountPence: number;
  sources: number[];
}

export type StatementLine = FeeLine | FeeAdjustmentLine | OutcomeLine | ClawbackLine | DurationLine | DurationClawbackLine;

export interface Statement {
  contractId: string;
  period: Period;
  status: 'closed' | 'provisional';
  asOf: string;
  lines: StatementLine[];
  totals: StatementTotals;
}

export interface HashedStatement {
  statementHash: string;
  statement: Statement;
}

export interface StatementOptions {
  asOf?: { recordedAt: string } | { position: string };
  provisionalThrough?: IsoDate;
}

/**
 * What the fold reads of a stored event. A `RecordedContractEvent` is one; so is a line of an export, which has no
 * `id` and writes `globalPosition` as a JSON number.
 */
export type FoldEvent = {
  [T in ContractEventType]: {
    type: T;
    data: ContractEventData[T];
    revision: number;
    globalPosition?: string | number;
    metadata: { recordedAt: string };
  };
}[ContractEventType];

import { computeStatements, type FoldEvent, type HashedStatement } from '@ledger/entitlements-domain';
import type { AsOf, SqlQueryable, StoreWithDatabase } from '@ledger/event-store';
import { daysBetween, reject, type Actor, type IsoDate, type Rejection } from '@ledger/kernel';
import { contractStreamId } from '@ledger/contracts-model';
import { averagePence, basisPoints, daysOfCare, lowerMedian } from './figures';
import { OUTCOME_BENCHMARKS, type BenchmarkContractRow, type ProviderEarnedRow } from './outcome-benchmarks.projection';
import { PROVIDER_EARNINGS, type EarningsRow, type PendingClaimRow } from './provider-earnings.projection';
import { liveTable, readCheckpoint } from './read-model-tables';
import { partnershipScope, RELATIONSHIP_HISTORY, timelineKey, type PartnershipContractRow, type TimelineRow } from './relationship-history.projection';
import { STATEMENTS, type StoredStatement } from './statements.projection';

export interface ProviderEarnings {
  providerId: string;
  /** The position the read model reflects. */
  position: string;
  periods: {
    period: string;
    earnedPence: number;
    paidPence: number;
    /** Earned to date minus paid to date, over every closed statement up to this period. */
    balancePence: number;
    statements: { contractId: string; commissionerId: string; earnedPence: number; paidPence: number; statementHash: string }[];
  }[];
  totals: { earnedPence: number; paidPence: number; balancePence: number };
  pendingClaims: (PendingClaimRow & { ageDays: number })[];
}

export interface PartnershipFigures {
  contracts: number;
  placements: number;
  children: number;
  daysOfCare: number;
  outcomesVerified: { hard: number; soft: number };
  durationUnitsAwarded: number;
  decidedClaims: number;
  rejectedClaims: number;
  rejectionRateBasisPoints?: number;
  medianDaysClaimToDecision?: number;
  earnedPence: number;
  paidPence: number;
  balancePence: number;
}

export interface PartnershipHistory {
  commissionerId: string;
  providerId: string;
  position: string;
  figures: PartnershipFigures;
  timeline: { items: TimelineRow[]; next: string | null };
}

export interface OutcomeBenchmark {
  outcomeCode: string;
  providerId: string;
  childrenPlaced: number;
  childrenAchieving: number;
  rateBasisPoints?: number;
  medianDaysToAchievement?: number;
  outcomesAchieved: number;
  costPerOutcomePence?: number;
}

const MAX_LIMIT = 1_000;

/** The reads of spec section 6 (and the closed statements of section 5) from the read models, with section 8's rules. */
export class ReadModels {
  constructor(private readonly store: StoreWithDatabase) {}

  private get db(): SqlQueryable {
    return this.store.database;
  }

  /** Provider earnings: that provider and auditors. */
  async providerEarnings(actor: Actor, providerId: string, today: IsoDate): Promise<ProviderEarnings | Rejection> {
    if (!(actor.role === 'auditor' || (actor.role === 'provider' && actor.org === providerId))) {
      return reject('FORBIDDEN', 'Provider earnings are read by that provider and by auditors.');
    }
    const table = liveTable(PROVIDER_EARNINGS);
    const { position } = await readCheckpoint(this.db, table);
    const { rows } = await this.db.query<{ key: string; doc: EarningsRow | PendingClaimRow }>(`SELECT key, doc FROM ${table} WHERE scope = $1 ORDER BY key`, [providerId]);
    const byPeriod = new Map<string, ProviderEarnings['periods'][number]>();
    const pendingClaims: ProviderEarnings['pendingClaims'] = [];
    for (const { key, doc } of rows) {
      if (key.startsWith('claim/')) {
        const claim = doc as PendingClaimRow;
        pendingClaims.push({ ...claim, ageDays: daysBetween(claim.claimedOn, today) });
        continue;
      }
      const earned = doc as EarningsRow;
      const period = byPeriod.get(earned.period) ?? { period: earned.period, earnedPence: 0, paidPence: 0, balancePence: 0, statements: [] };
      period.earnedPence += earned.earnedPence;
      period.paidPence += earned.paidPence;
      period.statements.push({ contractId: earned.contractId, commissionerId: earned.commissionerId, earnedPence: earned.earnedPence, paidPence: earned.paidPence, statementHash: earned.statementHash });
      byPeriod.set(earned.period, period);
    }
    const periods = [...byPeriod.values()].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    let earnedPence = 0;
    let paidPence = 0;
    for (const period of periods) {
      earnedPence += period.earnedPence;
      paidPence += period.paidPence;
      period.balancePence = earnedPence - paidPence;
    }
    pendingClaims.sort((a, b) => b.ageDays - a.ageDays || (a.claimId < b.claimId ? -1 : 1));
    return { providerId, position, periods, totals: { earnedPence, paidPence, balancePence: earnedPence - paidPence }, pendingClaims };
  }

  /** Partnership history: its two parties and auditors. `from` is the position the timeline page starts after. */
  async partnershipHistory(
    actor: Actor,
    commissionerId: string,
    providerId: string,
    query: { today: IsoDate; from?: string; limit?: number },
  ): Promise<PartnershipHistory | Rejection> {
    const party = (actor.role === 'commissioner' && actor.org === commissionerId) || (actor.role === 'provider' && actor.org === providerId);
    if (!(party || actor.role === 'auditor')) return reject('FORBIDDEN', 'A partnership history is read by its two parties and by auditors.');
    const limit = query.limit ?? 50;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) return reject('VALIDATION', 'limit is 1 to 1000', [{ field: 'limit', message: 'must be an integer from 1 to 1000' }]);
    if (query.from !== undefined && !/^\d{1,20}$/.test(query.from)) return reject('VALIDATION', 'from is a position', [{ field: 'from', message: 'must be a global position' }]);
    const table = liveTable(RELATIONSHIP_HISTORY);
    const scope = partnershipScope(commissionerId, providerId);
    const { position } = await readCheckpoint(this.db, table);
    const contracts = await this.db.query<{ doc: PartnershipContractRow }>(`SELECT doc FROM ${table} WHERE scope = $1 AND key LIKE 'contract/%' ORDER BY key`, [scope]);
    const after = query.from === undefined ? 'event/' : timelineKey(query.from);
    const events = await this.db.query<{ doc: TimelineRow }>(
      `SELECT doc FROM ${table} WHERE scope = $1 AND key > $2 AND key LIKE 'event/%' ORDER BY key LIMIT $3`,
      [scope, after, limit + 1],
    );
    const items = events.rows.slice(0, limit).map((row) => row.doc);
    const next = events.rows.length > limit ? items[items.length - 1].globalPosition : null;
    return { commissionerId, providerId, position, figures: partnershipFigures(contracts.rows.map((row) => row.doc), query.today), timeline: { items, next } };
  }

  /** Outcome benchmarks: every signed-in user. */
  async outcomeBenchmarks(): Promise<{ position: string; items: OutcomeBenchmark[] }> {
    const table = liveTable(OUTCOME_BENCHMARKS);
    const { position } = await readCheckpoint(this.db, table);
    const { rows } = await this.db.query<{ scope: string; key: string; doc: BenchmarkContractRow | ProviderEarnedRow }>(`SELECT scope, key, doc FROM ${table} ORDER BY scope, key`);
    const earnedByProvider = new Map<string, number>();
    const rowsByBenchmark = new Map<string, { outcomeCode: string; providerId: string; rows: BenchmarkContractRow[] }>();
    for (const { scope, key, doc } of rows) {
      if (key.startsWith('earned/')) {
        earnedByProvider.set(scope, (earnedByProvider.get(scope) ?? 0) + (doc as ProviderEarnedRow).earnedPence);
        continue;
      }
      const row = doc as BenchmarkContractRow;
      const id = `${row.outcomeCode}\u0000${scope}`;
      const entry = rowsByBenchmark.get(id) ?? { outcomeCode: row.outcomeCode, providerId: scope, rows: [] };
      entry.rows.push(row);
      rowsByBenchmark.set(id, entry);
    }
    const items = [...rowsByBenchmark.values()]
      .map((entry) => outcomeBenchmark(entry.outcomeCode, entry.providerId, entry.rows, earnedByProvider.get(entry.providerId) ?? 0))
      .sort((a, b) => (a.outcomeCode === b.outcomeCode ? (a.providerId < b.providerId ? -1 : 1) : a.outcomeCode < b.outcomeCode ? -1 : 1));
    return { position, items };
  }

  /**
   * Spec section 5: a contract's closed statements, from the read model when it has caught up with the position
   * asked for (or with the contract's last event), else from the fold over the stream. Access is the caller's.
   */
  async closedStatements(contractId: string, asOf?: AsOf): Promise<{ source: 'read-model' | 'fold'; items: HashedStatement[] }> {
    const table = liveTable(STATEMENTS);
    const { position } = await readCheckpoint(this.db, table);
    const streamId = contractStreamId(contractId);
    let needed: string | undefined;
    if (asOf && 'position' in asOf) needed = asOf.position;
    else needed = (await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0]?.globalPosition;
    if (needed === undefined || BigInt(position) >= BigInt(needed)) {
      const { rows } = await this.db.query<{ doc: StoredStatement }>(`SELECT doc FROM ${table} WHERE scope = $1 ORDER BY key`, [contractId]);
      const limit = asOf && 'position' in asOf ? BigInt(asOf.position) : undefined;
      const instant = asOf && 'recordedAt' in asOf ? Date.parse(asOf.recordedAt) : undefined;
      const items = rows
        .map((row) => row.doc)
        .filter((doc) => (limit === undefined || BigInt(doc.closedAt) <= limit) && (instant === undefined || Date.parse(doc.statement.asOf) <= instant))
        .map((doc) => ({ statementHash: doc.statementHash, statement: doc.statement }));
      return { source: 'read-model', items };
    }
    const events = (await this.store.readStream(streamId, asOf ? { asOf } : {})) as unknown as FoldEvent[];
    return { source: 'fold', items: computeStatements(events).closed };
  }

  /** One closed month as stored, or undefined until its `PeriodClosed` is projected (a closed statement never changes). */
  async closedStatement(contractId: string, period: string): Promise<StoredStatement | undefined> {
    const { rows } = await this.db.query<{ doc: StoredStatement }>(`SELECT doc FROM ${liveTable(STATEMENTS)} WHERE scope = $1 AND key = $2`, [contractId, period], { prepare: true });
    return rows[0]?.doc;
  }
}

export function partnershipFigures(contracts: readonly PartnershipContractRow[], today: IsoDate): PartnershipFigures {
  const children = new Set<string>();
  let placements = 0;
  let careDays = 0;
  const outcomesVerified = { hard: 0, soft: 0 };
  let durationUnitsAwarded = 0;
  let decidedClaims = 0;
  let rejectedClaims = 0;
  const decisionDays: number[] = [];
  let earnedPence = 0;
  let paidPence = 0;
  for (const contract of contracts) {
    for (const placement of Object.values(contract.placements)) {
      placements++;
      children.add(placement.childRef);
      careDays += daysOfCare(placement, contract, today);
    }
    for (const claim of Object.values(contract.claims)) {
      if (claim.decision === undefined || claim.decidedOn === undefined) continue;
      decidedClaims++;
      decisionDays.push(daysBetween(claim.claimedOn, claim.decidedOn));
      if (claim.decision === 'rejected') rejectedClaims++;
      else if (!claim.reversed && (claim.category === 'hard' || claim.category === 'soft')) outcomesVerified[claim.category]++;
    }
    durationUnitsAwarded += contract.durationUnitsAwarded;
    earnedPence += contract.earnedPence;
    paidPence += contract.paidPence;
  }
  const rate = basisPoints(rejectedClaims, decidedClaims);
  const median = lowerMedian(decisionDays);
  return {
    contracts: contracts.length,
    placements,
    children: children.size,
    daysOfCare: careDays,
    outcomesVerified,
    durationUnitsAwarded,
    decidedClaims,
    rejectedClaims,
    ...(rate === undefined ? {} : { rejectionRateBasisPoints: rate }),
    ...(median === undefined ? {} : { medianDaysClaimToDecision: median }),
    earnedPence,
    paidPence,
    balancePence: earnedPence - paidPence,
  };
}

export function outcomeBenchmark(outcomeCode: string, providerId: string, rows: readonly BenchmarkContractRow[], providerEarnedPence: number): OutcomeBenchmark {
  const placed = new Set<string>();
  const firstDays = new Map<string, number>();
  let outcomesAchieved = 0;
  const achieved = (child: string, days: number) => {
    outcomesAchieved++;
    const known = firstDays.get(child);
    if (known === undefined || days < known) firstDays.set(child, days);
  };
  for (const row of rows) {
    // A childRef is the authority's own identifier: two commissioners may use the same one for different children.
    const childOf = (childRef: string) => `${row.commissionerId}\u0000${childRef}`;
    for (const childRef of Object.keys(row.children)) placed.add(childOf(childRef));
    for (const claim of Object.values(row.claims)) {
      if (!claim.verified) continue;
      const start = claim.placementStart ?? row.children[claim.childRef] ?? claim.achievedOn;
      achieved(childOf(claim.childRef), daysBetween(start, claim.achievedOn));
    }
    for (const unit of Object.values(row.units)) {
      const start = row.children[unit.childRef] ?? unit.completedOn;
      achieved(childOf(unit.childRef), daysBetween(start, unit.completedOn));
    }
  }
  const rate = basisPoints(firstDays.size, placed.size);
  const median = lowerMedian([...firstDays.values()]);
  const cost = averagePence(providerEarnedPence, outcomesAchieved);
  return {
    outcomeCode,
    providerId,
    childrenPlaced: placed.size,
    childrenAchieving: firstDays.size,
    ...(rate === undefined ? {} : { rateBasisPoints: rate }),
    ...(median === undefined ? {} : { medianDaysToAchievement: median }),
    outcomesAchieved,
    ...(cost === undefined ? {} : { costPerOutcomePence: cost }),
  };
}

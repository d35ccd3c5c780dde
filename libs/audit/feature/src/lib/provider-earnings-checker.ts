import type { ContractEventData } from '@ledger/contracts-model';
import { PROVIDER_EARNINGS, type EarningsRow, type PendingClaimRow } from '@ledger/entitlements-feature';
import type { SqlQueryable } from '@ledger/event-store';
import { canonicalJson } from '@ledger/kernel';
import type { ReadModelCheck, ReadModelChecker, ReadModelDiscrepancy } from './read-model-checker';
import { projectedBy, readModelRows } from './read-model-table';

interface ExpectedRow {
  revision: number;
  doc: Record<string, unknown>;
}

/**
 * The provider earnings read model's rows of one contract (spec section 6) against its events: one row per closed
 * statement, with the fold's earned, paid and statement hash, and one per claim still awaiting its decision, both
 * as of the projection's checkpoint. The provider's rows of other contracts are theirs to verify.
 */
export function providerEarningsChecker(database: SqlQueryable): ReadModelChecker {
  return {
    name: PROVIDER_EARNINGS,
    async check({ contractId, events, closes }): Promise<ReadModelCheck> {
      const { providerId, commissionerId } = events[0].data as ContractEventData['ContractDrafted'];
      const read = await readModelRows<EarningsRow | PendingClaimRow>(database, PROVIDER_EARNINGS, providerId);
      if ('skipped' in read) return read;
      const { position, rows } = read;

      const expected = new Map<string, ExpectedRow>();
      for (const close of closes) {
        if (!projectedBy(events[close.revision].globalPosition, position)) continue;
        const { statement, statementHash } = close.statement;
        const doc: EarningsRow = { period: close.period, contractId, commissionerId, earnedPence: statement.totals.earnedPence, paidPence: statement.totals.paidPence, statementHash };
        expected.set(`period/${close.period}/${contractId}`, { revision: close.revision, doc });
      }
      const decided = new Map<string, number>();
      for (const event of events) {
        if (!projectedBy(event.globalPosition, position)) break;
        if (event.type === 'OutcomeClaimed') {
          const { claimId, childRef, outcomeCode, achievedOn, claimedOn } = event.data as ContractEventData['OutcomeClaimed'];
          const doc: PendingClaimRow = { contractId, commissionerId, claimId, childRef, outcomeCode, achievedOn, claimedOn };
          expected.set(`claim/${contractId}/${claimId}`, { revision: event.revision, doc });
        } else if (event.type === 'OutcomeVerified' || event.type === 'OutcomeRejected') {
          const key = `claim/${contractId}/${(event.data as { claimId: string }).claimId}`;
          expected.delete(key);
          decided.set(key, event.revision);
        }
      }

      const discrepancies: ReadModelDiscrepancy[] = [];
      for (const [key, { revision, doc }] of expected) {
        const row = rows.get(key);
        if (row === undefined) {
          discrepancies.push({ revision, key, reason: 'no row where the events give one', expected: doc });
          continue;
        }
        const members = [...new Set([...Object.keys(doc), ...Object.keys(row)])].filter((member) => canonicalJson(doc[member] ?? null) !== canonicalJson(row[member] ?? null));
        if (members.length > 0) {
          discrepancies.push({ revision, key, reason: `the row differs from what the events give in ${members.join(', ')}`, expected: pick(doc, members), found: pick(row, members) });
        }
      }
      const head = events.length - 1;
      for (const [key, row] of rows) {
        const ours = key.startsWith(`claim/${contractId}/`) || (key.startsWith('period/') && key.endsWith(`/${contractId}`));
        if (ours && !expected.has(key)) {
          const reason = decided.has(key) ? 'a claim still shown pending after its decision' : 'a row the events do not give';
          discrepancies.push({ revision: decided.get(key) ?? head, key, reason, found: row });
        }
      }
      return { discrepancies };
    },
  };
}

function pick(doc: Record<string, unknown>, members: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(members.map((member) => [member, doc[member]]));
}

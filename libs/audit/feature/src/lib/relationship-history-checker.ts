import type { ContractEventData } from '@ledger/contracts-model';
import { partnershipScope, RELATIONSHIP_HISTORY, timelineKey, type TimelineRow } from '@ledger/entitlements-feature';
import type { SqlQueryable } from '@ledger/event-store';
import { canonicalJson } from '@ledger/kernel';
import type { ReadModelCheck, ReadModelChecker, ReadModelDiscrepancy } from './read-model-checker';
import { projectedBy, readModelRows } from './read-model-table';

/**
 * The partnership timeline's lines of one contract (spec section 6, relationship history) against its events:
 * each event the projection has reached shows once, as recorded (type, recordedAt, actor, data). The
 * partnership's figures are aggregates over its contracts, so no row of theirs is one contract's to compare.
 */
export function relationshipHistoryChecker(database: SqlQueryable): ReadModelChecker {
  return {
    name: RELATIONSHIP_HISTORY,
    async check({ contractId, events }): Promise<ReadModelCheck> {
      const { commissionerId, providerId } = events[0].data as ContractEventData['ContractDrafted'];
      const read = await readModelRows<Record<string, unknown>>(database, RELATIONSHIP_HISTORY, partnershipScope(commissionerId, providerId));
      if ('skipped' in read) return read;
      const { position, rows } = read;

      const discrepancies: ReadModelDiscrepancy[] = [];
      const shown = new Set<string>();
      for (const event of events) {
        if (!projectedBy(event.globalPosition, position)) break;
        const key = timelineKey(event.globalPosition);
        shown.add(key);
        const expected: TimelineRow = {
          contractId,
          revision: event.revision,
          globalPosition: event.globalPosition,
          type: event.type,
          recordedAt: event.metadata.recordedAt,
          actor: event.metadata.actor,
          data: event.data,
        };
        const row = rows.get(key);
        if (row === undefined) {
          discrepancies.push({ revision: event.revision, key, reason: 'the event is missing from the timeline' });
          continue;
        }
        const members = Object.keys(expected).filter((member) => canonicalJson(expected[member] ?? null) !== canonicalJson(row[member] ?? null));
        if (members.length > 0) {
          discrepancies.push({
            revision: event.revision,
            key,
            reason: `the timeline shows the event otherwise than recorded: ${members.join(', ')}`,
            expected: Object.fromEntries(members.map((member) => [member, expected[member]])),
            found: Object.fromEntries(members.map((member) => [member, row[member]])),
          });
        }
      }
      for (const [key, row] of rows) {
        if (key.startsWith('event/') && row['contractId'] === contractId && !shown.has(key)) {
          discrepancies.push({ revision: events.length - 1, key, reason: 'a timeline line for no event of the stream', found: row });
        }
      }
      return { discrepancies };
    },
  };
}

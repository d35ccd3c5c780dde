import type { ContractStreamEvent, VerifyHistoryOptions } from '@ledger/contracts-domain';
import { contractStreamId } from '@ledger/contracts-model';
import { computeStatements, type FoldEvent } from '@ledger/entitlements-domain';
import type { EventStore } from '@ledger/event-store';
import { eventHash, GENESIS_HASH, type RecordedEvent } from '@ledger/kernel';
import { readContractStream } from './export-contract';
import type { FoldedClose, ReadModelChecker } from './read-model-checker';
import { storeFramework } from './store-framework';
import { reDecide } from './re-decide';

export type CheckResult = 'passed' | 'failed' | 'skipped';

/** One thing that does not hold, at the revision it concerns. */
export interface Discrepancy {
  /** `chain`, `rules`, or `read-model:NAME`. */
  check: string;
  revision: number;
  reason: string;
  /** The read-model row, for a read-model check. */
  key?: string;
  expected?: unknown;
  found?: unknown;
}

export interface ContractAuditReport {
  contractId: string;
  streamId: string;
  ok: boolean;
  /** Events in the stream; the head revision is one less. */
  events: number;
  /** The lowest revision named by a discrepancy. */
  firstBadRevision?: number;
  checks: {
    /** Every event's hash recomputed from its content and linked to the previous one. */
    chain: CheckResult;
    /** Every event re-decided by the rules from the events before it: amounts, totals and statement hashes included. */
    rules: CheckResult;
    /** Each read model's rows against the fold. */
    readModels: Record<string, CheckResult>;
  };
  discrepancies: Discrepancy[];
  /** What was not checked, and why. */
  notes: string[];
}

export interface VerifyContractOptions {
  readModels?: readonly ReadModelChecker[];
  /** The outcome codes to accept; by default the store's framework, every code it ever published. */
  framework?: VerifyHistoryOptions['framework'];
}

/**
 * Spec section 10, `ledger verify --contract ID` and `GET /api/audit/contracts/{id}/verify`: the offline checks of
 * an export (hash chain, every event re-decided) run on the stored stream, then every read model's rows against
 * the fold. Unlike the offline verify, every event whose hash fails is named, since each edit shows at its own
 * revision; re-deciding stops at the first event the rules refuse, as what follows it was decided on other facts.
 */
export async function verifyContract(store: EventStore, contractId: string, options: VerifyContractOptions = {}): Promise<ContractAuditReport> {
  const events = await readContractStream(store, contractId);
  const framework = options.framework ?? (await storeFramework(store));
  const notes: string[] = [];
  const discrepancies: Discrepancy[] = chainBreaks(events);
  const chain: CheckResult = discrepancies.length === 0 ? 'passed' : 'failed';

  let rules: CheckResult = 'skipped';
  if (chain === 'failed') {
    notes.push('events were not re-decided: the hash chain is broken, so the stored events are not the ones recorded');
  } else {
    const verdict = reDecide(events as unknown as ContractStreamEvent[], framework ? { framework } : {});
    if (verdict.note) notes.push(framework ? verdict.note : 'the store holds no outcome framework: outcome codes were not checked against it');
    rules = verdict.ok ? 'passed' : 'failed';
    if (!verdict.ok) discrepancies.push({ check: 'rules', revision: verdict.revision, reason: verdict.reason });
  }

  const readModels: Record<string, CheckResult> = {};
  const checkers = options.readModels ?? [];
  const closes = checkers.length === 0 ? undefined : foldedCloses(events, notes);
  for (const checker of checkers) {
    if (closes === undefined) {
      readModels[checker.name] = 'skipped';
      continue;
    }
    const result = await checker.check({ contractId, events, closes });
    if ('skipped' in result) {
      readModels[checker.name] = 'skipped';
      notes.push(`read model ${checker.name} was not compared: ${result.skipped}`);
      continue;
    }
    if (result.note) notes.push(`read model ${checker.name}: ${result.note}`);
    readModels[checker.name] = result.discrepancies.length === 0 ? 'passed' : 'failed';
    discrepancies.push(...result.discrepancies.map(({ revision, key, reason, expected, found }) => ({ check: `read-model:${checker.name}`, revision, key, reason, expected, found })));
  }
  if (checkers.length === 0) notes.push('no read model was compared with the fold');

  discrepancies.sort((a, b) => a.revision - b.revision);
  const report: ContractAuditReport = {
    contractId,
    streamId: contractStreamId(contractId),
    ok: discrepancies.length === 0,
    events: events.length,
    checks: { chain, rules, readModels },
    discrepancies,
    notes,
  };
  return discrepancies.length === 0 ? report : { ...report, firstBadRevision: discrepancies[0].revision };
}

/** Each event whose stored hash is not its content's, or whose link to the previous event does not hold. */
function chainBreaks(events: readonly RecordedEvent[]): Discrepancy[] {
  const breaks: Discrepancy[] = [];
  let previousStoredHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    if (event.revision !== index) breaks.push({ check: 'chain', revision: index, reason: 'revisions are not consecutive', expected: index, found: event.revision });
    if (event.metadata.prevHash !== previousStoredHash) {
      breaks.push({ check: 'chain', revision: event.revision, reason: "prevHash is not the previous event's hash", expected: previousStoredHash, found: event.metadata.prevHash });
    }
    const hash = eventHash(event.metadata.prevHash, { type: event.type, data: event.data, metadata: { ...event.metadata } });
    if (hash !== event.metadata.hash) {
      breaks.push({ check: 'chain', revision: event.revision, reason: 'hash does not match the event: its type, data or metadata were edited after it was recorded', expected: hash, found: event.metadata.hash });
    }
    previousStoredHash = event.metadata.hash;
  }
  return breaks;
}

/** The closed statements the fold gives, each with its close's revision; undefined when the events cannot be folded. */
function foldedCloses(events: readonly RecordedEvent[], notes: string[]): FoldedClose[] | undefined {
  let statements;
  try {
    statements = computeStatements(events as unknown as FoldEvent[]).closed;
  } catch (error) {
    notes.push(`read models were not compared: the stored events cannot be folded (${(error as Error).message})`);
    return undefined;
  }
  // The fold settles one statement per close, in stream order.
  const closeRevisions = events.filter((event) => event.type === 'PeriodClosed').map((event) => event.revision);
  return statements.map((statement, index) => ({ period: statement.statement.period, revision: closeRevisions[index], statement }));
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Caller } from '@ledger/auth';
import type { RecordedContractEvent } from '@ledger/contracts-model';
import { authoriseRead, foldContract, type ContractState } from '@ledger/contracts-domain';
import { eventsAsOf, foldLedger, type Statement } from '@ledger/entitlements-domain';
import { ReadModels } from '@ledger/entitlements-feature';
import type { EventStore } from '@ledger/event-store';
import { firstDayOf, isValidDate, isValidPeriod, parseInstant, reject, type IsoDate } from '@ledger/kernel';
import { asStreamEvents, CONTRACT_STREAM_PREFIX, CONTRACTS_EVENT_STORE, contractStreamId, readContractStream } from '../contract-stream';
import { inFoldOrder } from './statement-order';

export type AsOf = { recordedAt: string } | { position: string };

export interface Page<T> {
  items: T[];
  next?: string;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
/** Pages of the store read at once when listing every contract; bounded so a list cannot loop for ever. */
const READ_ALL_BATCH = 1000;
const MAX_READ_ALL_BATCHES = 100_000;

/** A contract's state as the API shows it: its facts without the stream (that is `.../events`). */
export type ContractView = Record<string, unknown> & { contractId: string; status: string; revision: number };

/** Query parameters, checked here so every read answers the same 400 VALIDATION. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT) throw invalid('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  return Number(value);
}

export function parseAsOf(value: string | undefined): AsOf | undefined {
  if (value === undefined) return undefined;
  if (/^\d{1,19}$/.test(value)) return { position: value };
  if (parseInstant(value) === undefined) throw invalid('asOf', 'must be an ISO-8601 instant or a global position');
  return { recordedAt: value };
}

export function invalid(field: string, message: string) {
  return reject('VALIDATION', `${field} ${message}`, [{ field, message }]);
}

/**
 * Section 9's contract reads, scoped by section 8 (`authoriseRead`: parties and auditors; anyone else, admins
 * included, the contract's 404). Computed by folding the stream on each read for now.
 */
@Injectable()
export class ContractReader {
  constructor(
    @Inject(CONTRACTS_EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(ReadModels) private readonly readModels?: ReadModels,
  ) {}

  /** The caller's contracts by id, `limit` at a time; `cursor` is the last id of the previous page. */
  async list(caller: Caller, limit: number, cursor?: string): Promise<Page<ContractView>> {
    const streams = new Map<string, RecordedContractEvent[]>();
    let after: string | undefined;
    for (let batch = 0; batch < MAX_READ_ALL_BATCHES; batch++) {
      const events = (await this.store.readAll({ after, maxCount: READ_ALL_BATCH, streamPrefixes: [CONTRACT_STREAM_PREFIX] })) as RecordedContractEvent[];
      for (const event of events) {
        const stream = streams.get(event.streamId);
        if (stream) stream.push(event);
        else streams.set(event.streamId, [event]);
      }
      if (events.length < READ_ALL_BATCH) break;
      after = events[events.length - 1].globalPosition;
    }
    const visible = [...streams.values()]
      .map((events) => ({ events, state: foldContract(asStreamEvents(events)) }))
      .filter(({ state }) => state.status !== 'none' && authoriseRead(caller.actor, state, '') === undefined)
      .map(({ events, state }) => viewOf(state, events))
      .filter((view) => cursor === undefined || view.contractId > cursor)
      .sort((a, b) => (a.contractId < b.contractId ? -1 : a.contractId > b.contractId ? 1 : 0));
    const items = visible.slice(0, limit);
    return visible.length > limit ? { items, next: items[items.length - 1].contractId } : { items };
  }

  /** The stream as the caller may read it, as of a moment; throws the contract's 404 when it may not. */
  async stream(caller: Caller, contractId: string, asOf?: AsOf): Promise<{ events: RecordedContractEvent[]; state: ContractState; headRevision: number }> {
    const all = await readContractStream(this.store, contractId);
    const head = foldContract(asStreamEvents(all));
    const denied = authoriseRead(caller.actor, head, contractId);
    if (denied) throw denied;
    if (!asOf) return { events: all, state: head, headRevision: all.length - 1 };
    const events = eventsAsOf(all, asOf) as RecordedContractEvent[];
    return { events, state: foldContract(asStreamEvents(events)), headRevision: all.length - 1 };
  }

  async contract(caller: Caller, contractId: string, asOf?: AsOf): Promise<ContractView> {
    const { events, state } = await this.stream(caller, contractId, asOf);
    if (state.status === 'none') throw reject('CONTRACT_NOT_FOUND', `no contract ${contractId} as of then`);
    return viewOf(state, events);
  }

  /** A page of the stream, and the stream's revision as read (the `ETag`). */
  async events(caller: Caller, contractId: string, from: number, limit: number, asOf?: AsOf): Promise<{ page: Page<RecordedContractEvent>; revision: number }> {
    const { events } = await this.stream(caller, contractId, asOf);
    const items = events.slice(from, from + limit);
    return { page: from + limit < events.length ? { items, next: String(from + limit) } : { items }, revision: events.length - 1 };
  }

  /** Every closed statement, oldest first; with `through`, the open period's provisional one after them. */
  async statements(caller: Caller, contractId: string, options: { asOf?: AsOf; asOfText?: string; through?: IsoDate }): Promise<Statement[]> {
    const { events } = await this.stream(caller, contractId, options.asOf);
    if (events.length === 0) return [];
    if (options.through === undefined && this.readModels) {
      // Closed statements never change: the statements read model answers once it has reached the last event read.
      const read = await this.readModels.closedStatements(contractId, { position: events[events.length - 1].globalPosition });
      return read.items.map((hashed) => inFoldOrder(hashed.statement));
    }
    const ledger = foldLedger(events);
    const closed = ledger.closed.map((hashed) => hashed.statement);
    if (options.through === undefined) return closed;
    checkThrough(options.through, ledger.openPeriod());
    return [...closed, ledger.provisionalStatement(options.through, options.asOfText).statement];
  }

  /** One month: its closed statement, or the open month's provisional one through `through`. */
  async statement(caller: Caller, contractId: string, period: string, options: { asOf?: AsOf; asOfText?: string; through: IsoDate }): Promise<Statement> {
    if (!isValidPeriod(period)) throw invalid('period', 'must be YYYY-MM');
    if (options.asOf === undefined && this.readModels) {
      const stored = await this.storedClosedStatement(caller, contractId, period, this.readModels);
      if (stored) return stored;
    }
    const { events } = await this.stream(caller, contractId, options.asOf);
    if (events.length === 0) throw reject('NOT_FOUND', `no statement of ${period} as of then`);
    const ledger = foldLedger(events);
    const closed = ledger.closed.find((hashed) => hashed.statement.period === period);
    if (closed) return closed.statement;
    const open = ledger.openPeriod();
    if (period > open) throw reject('PERIOD_OUT_OF_ORDER', `${period} is after the open period ${open}`);
    if (period < open) throw reject('NOT_FOUND', `the contract has no statement of ${period}`);
    checkThrough(options.through, open);
    return ledger.provisionalStatement(options.through, options.asOfText).statement;
  }

  /**
   * A closed month never changes, so once the statements read model holds it that row is the answer: one indexed
   * row instead of folding the stream and hashing every closed month. The parties come from `ContractDrafted`
   * (they never change), so authorisation and its 404 are the fold path's. Undefined: not projected (yet), or
   * not closed; the fold answers.
   */
  private async storedClosedStatement(caller: Caller, contractId: string, period: string, readModels: ReadModels): Promise<Statement | undefined> {
    const [drafted, stored] = await Promise.all([
      this.store.readStream(contractStreamId(contractId), { maxCount: 1 }) as Promise<RecordedContractEvent[]>,
      readModels.closedStatement(contractId, period),
    ]);
    const denied = authoriseRead(caller.actor, foldContract(asStreamEvents(drafted)), contractId);
    if (denied) throw denied;
    return stored && inFoldOrder(stored.statement);
  }
}

export function parseThrough(value: string | undefined): IsoDate | undefined {
  if (value === undefined) return undefined;
  if (!isValidDate(value)) throw invalid('through', 'must be a real calendar date YYYY-MM-DD');
  return value;
}

function checkThrough(through: IsoDate, open: string): void {
  if (through < firstDayOf(open)) throw invalid('through', `must be on or after ${firstDayOf(open)}, the first day of the open period ${open}`);
}

function viewOf(state: ContractState, events: readonly RecordedContractEvent[]): ContractView {
  if (state.status === 'none') throw new Error('viewOf a contract that does not exist');
  const { events: _events, ...facts } = state;
  const { contractId, title, commissionerId, providerId, startDate } = state.drafted;
  // The headline fields at the top, as lists show them; `endDate` is the current one (after variations).
  return { contractId, title, commissionerId, providerId, startDate, revision: events.length - 1, ...facts };
}

import type { ContractStreamEvent, VerifyHistoryOptions } from '@ledger/contracts-domain';
import { CONTRACT_EVENT_TYPES, contractStreamId } from '@ledger/contracts-model';
import { ConcurrencyError, IdempotencyKeyReusedError, type EventStore, type EventToAppend } from '@ledger/event-store';
import { eventIdFor, type EventMetadata, type UnsealedMetadata } from '@ledger/kernel';
import { storeFramework } from './store-framework';
import { reDecide } from './re-decide';

/** A line of the file, read: the event as exported, and where it stands in the file. */
interface FileEvent {
  line: number;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export type ImportResult =
  | {
      ok: true;
      contractId: string;
      streamId: string;
      /** Events in the file (the whole stream, from revision 0). */
      events: number;
      /** Events appended now: those after what the store already held of the same stream. */
      imported: number;
      revision: number;
      notes: string[];
    }
  | {
      ok: false;
      /** The first bad line of the file (from 1); nothing was imported. */
      line: number;
      revision?: number;
      reason: string;
      notes: string[];
    };

export interface ImportOptions {
  /** The outcome codes to accept; by default the store's framework, every code it ever published. */
  framework?: VerifyHistoryOptions['framework'];
}

const LINE_MEMBERS = new Set(['streamId', 'revision', 'globalPosition', 'type', 'data', 'metadata']);

/**
 * `ledger import events FILE` (spec section 10): restores or migrates one contract stream from an export. The
 * whole file is checked before anything is written (its hash chain, every event re-decided by the rules with
 * outcome codes checked as verify checks them), then the events the store lacks are appended in one batch, each
 * with its original metadata, so that the store seals the same hashes. A bad file imports nothing and names its
 * first bad line. The store's global positions are its own: the file's are not kept.
 */
export async function importContractEvents(store: EventStore, text: string, options: ImportOptions = {}): Promise<ImportResult> {
  const framework = options.framework ?? (await storeFramework(store));
  const notes = framework ? [] : ['the store holds no outcome framework: outcome codes were not checked against it'];
  const fail = (line: number, reason: string, revision?: number): ImportResult => ({ ok: false, line, ...(revision === undefined ? {} : { revision }), reason, notes });

  const parsed = parseLines(text);
  if ('reason' in parsed) return fail(parsed.line, parsed.reason);
  const events = parsed.events;
  const lineOf = (revision: number) => events[Math.min(revision, events.length - 1)].line;

  const verdict = reDecide(events as unknown as ContractStreamEvent[], framework ? { framework } : {});
  if (!verdict.ok) return fail(lineOf(verdict.revision), verdict.reason, verdict.revision);
  const first = events[0] as unknown as ContractStreamEvent & { type: 'ContractDrafted' };
  const contractId = first.data.contractId;
  const streamId = contractStreamId(contractId);
  if (events[0].streamId !== streamId) return fail(events[0].line, `streamId ${events[0].streamId} is not the drafted contract's stream ${streamId}`, 0);

  const stored = await store.readStream(streamId);
  for (const event of stored.slice(0, events.length)) {
    const mine = events[event.revision];
    if (mine.metadata.hash !== event.metadata.hash) {
      return fail(mine.line, `the store already holds another event at revision ${event.revision} of ${streamId} (hash ${event.metadata.hash})`, event.revision);
    }
  }
  if (stored.length > events.length) {
    return fail(events[events.length - 1].line, `the store holds ${stored.length} events of ${streamId}, more than the file: the file is an older copy`);
  }
  const done = (imported: number): ImportResult => ({ ok: true, contractId, streamId, events: events.length, imported, revision: events.length - 1, notes });
  if (stored.length === events.length) return done(0);

  const ids = eventIds(events);
  const toAppend: EventToAppend[] = events.slice(stored.length).map((event) => ({ id: ids[event.revision], type: event.type, data: event.data, metadata: unsealed(event.metadata) }));
  try {
    const result = await store.appendToStream(streamId, toAppend, { expectedRevision: stored.length === 0 ? 'no_stream' : stored.length - 1 });
    if (!result.written) return fail(events[stored.length].line, `the store already holds these events' ids (${toAppend[0].id}...) in ${result.streamId}: nothing was imported`, stored.length);
  } catch (error) {
    if (error instanceof ConcurrencyError) return fail(events[stored.length].line, `${streamId} changed while importing (${error.message}): nothing was imported; run the import again`, stored.length);
    if (error instanceof IdempotencyKeyReusedError) {
      const revision = ids.indexOf(error.eventId);
      const line = revision >= 0 ? events[revision].line : events[stored.length].line;
      return fail(line, `its event id ${error.eventId} (from metadata.commandId) ${error.detail}: nothing was imported`, revision >= 0 ? revision : undefined);
    }
    throw error;
  }

  // The store seals the hashes itself; they were checked equal to the file's before appending, and are here again.
  const sealed = await store.readStream(streamId, { fromRevision: stored.length });
  const differs = sealed.find((event) => event.metadata.hash !== events[event.revision]?.metadata.hash);
  if (differs) throw new Error(`${streamId} revision ${differs.revision}: the store sealed hash ${differs.metadata.hash}, the file has ${events[differs.revision]?.metadata.hash}`);
  return done(toAppend.length);
}

/**
 * Spec section 2: an event's id is the UUID v5 of `{commandId}:{index}`, the index counting the events its command
 * appended before it. A command's events are consecutive in its stream, so counting earlier events of the same
 * `commandId` gives the index, whether a system event shares its command's id or has its own.
 */
function eventIds(events: readonly FileEvent[]): string[] {
  const counts = new Map<string, number>();
  return events.map((event) => {
    const index = counts.get(event.metadata.commandId) ?? 0;
    counts.set(event.metadata.commandId, index + 1);
    return eventIdFor(event.metadata.commandId, index);
  });
}

function unsealed(metadata: EventMetadata): UnsealedMetadata {
  const { prevHash: _prevHash, hash: _hash, ...rest } = metadata;
  return rest;
}

function parseLines(text: string): { events: FileEvent[] } | { line: number; reason: string } {
  const events: FileEvent[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return { line, reason: 'not JSON' };
    }
    const problem = shapeProblem(value, events);
    if (problem) return { line, reason: problem };
    events.push({ ...(value as Omit<FileEvent, 'line'>), line });
  }
  if (events.length === 0) return { line: 1, reason: 'the file holds no events' };
  return { events };
}

/** Why a parsed line is not the next event of one contract stream, or undefined. */
function shapeProblem(value: unknown, before: readonly FileEvent[]): string | undefined {
  if (!isObject(value)) return 'not an event object';
  const unknown = Object.keys(value).find((key) => !LINE_MEMBERS.has(key));
  if (unknown !== undefined) return `${unknown} is not a member of an exported event`;
  const { streamId, revision, type, data, metadata } = value;
  if (typeof streamId !== 'string' || !streamId.startsWith('contract-')) return 'streamId must name a contract stream (contract-...)';
  if (before.length > 0 && streamId !== before[0].streamId) return `stream ${streamId} after ${before[0].streamId}: a file holds one contract's stream`;
  if (revision !== before.length) return `revision ${JSON.stringify(revision)} where ${before.length} comes next`;
  if (typeof type !== 'string' || !(CONTRACT_EVENT_TYPES as readonly string[]).includes(type)) return `${JSON.stringify(type)} is not a contract event type`;
  if (!isObject(data)) return 'data must be an object';
  if (!isObject(metadata)) return 'metadata must be an object';
  const actor = metadata['actor'];
  if (!isObject(actor) || !['sub', 'role', 'org'].every((key) => typeof actor[key] === 'string')) return 'metadata.actor must have sub, role and org';
  for (const key of ['commandId', 'correlationId', 'recordedAt', 'prevHash', 'hash']) {
    if (typeof metadata[key] !== 'string') return `metadata.${key} must be a string`;
  }
  if (metadata['causationId'] !== undefined && typeof metadata['causationId'] !== 'string') return 'metadata.causationId must be a string when present';
  if (!Number.isSafeInteger(metadata['schemaVersion'])) return 'metadata.schemaVersion must be an integer';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

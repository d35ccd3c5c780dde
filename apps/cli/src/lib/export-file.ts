import { CONTRACT_EVENT_TYPES, type ContractEventType } from '@ledger/contracts-model';
import type { EventMetadata } from '@ledger/kernel';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { InputError } from './command';

/** One line of an export (spec section 10): a stored event without its `id`, `globalPosition` a JSON number. */
export interface ExportedEvent {
  streamId: string;
  revision: number;
  globalPosition: number | string;
  type: ContractEventType;
  data: never;
  metadata: EventMetadata;
}

/**
 * Reads one contract's export: every line an event of the same `contract-` stream, revisions 0, 1, 2, ... in order,
 * so that the fold and the verifier see a whole stream. Whether the events are genuine is `verify`'s question.
 */
export function readContractExport(file: string, cwd: string): ExportedEvent[] {
  const events: ExportedEvent[] = [];
  for (const { value, where } of jsonLines(file, cwd)) events.push(checkEvent(value, where, events));
  if (events.length === 0) throw new InputError(`${file} holds no events`);
  return events;
}

/** A file's lines parsed one by one as they are asked for (blank ones skipped), each with where it stands for messages. */
export function* jsonLines(file: string, cwd: string): Generator<{ value: unknown; where: string }> {
  for (const [index, line] of readText(file, cwd).split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `${file} line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(`${where} is not JSON`);
    }
    yield { value, where };
  }
}

export function readText(file: string, cwd: string): string {
  try {
    return readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: no such file` : code === 'EISDIR' ? `${file} is a folder, not a file` : `cannot read ${file} (${code})`);
  }
}

function checkEvent(value: unknown, where: string, before: readonly ExportedEvent[]): ExportedEvent {
  if (!isObject(value)) throw new InputError(`${where} is not an event object`);
  const { streamId, revision, globalPosition, type, data, metadata } = value;
  if (typeof streamId !== 'string' || !streamId.startsWith('contract-')) throw new InputError(`${where}: streamId must name a contract stream (contract-...)`);
  if (before.length > 0 && streamId !== before[0].streamId) {
    throw new InputError(`${where}: stream ${streamId} after ${before[0].streamId}; the file must hold one contract's stream`);
  }
  if (revision !== before.length) throw new InputError(`${where}: revision ${JSON.stringify(revision)} where ${before.length} comes next`);
  if (typeof globalPosition !== 'number' && typeof globalPosition !== 'string') throw new InputError(`${where}: globalPosition is missing`);
  if (typeof type !== 'string' || !(CONTRACT_EVENT_TYPES as readonly string[]).includes(type)) {
    throw new InputError(`${where}: ${JSON.stringify(type)} is not a contract event type`);
  }
  if (!isObject(data)) throw new InputError(`${where}: data must be an object`);
  if (!isObject(metadata) || typeof metadata['recordedAt'] !== 'string') throw new InputError(`${where}: metadata.recordedAt is missing`);
  return value as unknown as ExportedEvent;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { OutcomeCategory, OutcomeDefinition, OutcomeKind } from '@ledger/contracts-model';
import { canonicalJson, isPence, isRejection, isValidId, MAX_AMOUNT_PENCE, reject, type Rejection } from '@ledger/kernel';
import { type FieldError, validateDefinition } from './definition';

/** The `outcome-framework` stream (spec section 2). */
export interface FrameworkEventData {
  OutcomeDefinitionPublished: {
    code: string;
    version: number;
    name: string;
    category: OutcomeCategory;
    definition: OutcomeDefinition;
    indicativePricePence?: number;
    source?: string;
  };
  OutcomeDefinitionRetired: { code: string; reason: string };
}

export type FrameworkEventType = keyof FrameworkEventData;
export type FrameworkEvent = { [T in FrameworkEventType]: { type: T; data: FrameworkEventData[T] } }[FrameworkEventType];

export const OUTCOME_FRAMEWORK_STREAM = 'outcome-framework';

/** A publication: what is published, but for the version the decider gives it. */
export interface PublishDefinition extends Omit<FrameworkEventData['OutcomeDefinitionPublished'], 'version'> {
  type: 'PublishDefinition';
}

export interface RetireDefinition {
  type: 'RetireDefinition';
  code: string;
  reason: string;
}

export type FrameworkCommand = PublishDefinition | RetireDefinition;
export type FrameworkRejectionCode = 'OUTCOME_NOT_FOUND' | 'VALIDATION';

export interface CatalogueEntry {
  /** The latest published version. */
  latest: FrameworkEventData['OutcomeDefinitionPublished'];
  retired: boolean;
}

export interface Catalogue {
  readonly entries: Readonly<Record<string, CatalogueEntry>>;
}

export const EMPTY_CATALOGUE: Catalogue = { entries: {} };

export function evolveCatalogue(state: Catalogue, event: FrameworkEvent): Catalogue {
  switch (event.type) {
    case 'OutcomeDefinitionPublished':
      return { entries: { ...state.entries, [event.data.code]: { latest: event.data, retired: false } } };
    case 'OutcomeDefinitionRetired': {
      const entry = state.entries[event.data.code];
      return entry ? { entries: { ...state.entries, [event.data.code]: { ...entry, retired: true } } } : state;
    }
    default:
      return assertNeverEvent(event);
  }
}

function assertNeverEvent(value: never): never {
  throw new Error(`unhandled framework event: ${JSON.stringify(value)}`);
}

function contentOf(definition: Omit<FrameworkEventData['OutcomeDefinitionPublished'], 'version'>): string {
  const { code, name, category, definition: body, indicativePricePence, source } = definition;
  return canonicalJson({ code, name, category, definition: body, indicativePricePence, source });
}

export function decideFramework(command: FrameworkCommand, state: Catalogue): FrameworkEvent[] | Rejection<FrameworkRejectionCode> {
  switch (command.type) {
    case 'PublishDefinition': {
      const { type: _type, ...content } = command;
      const entry = state.entries[command.code];
      // A retired code published again with its old content comes back into use: that is a new version.
      if (entry && !entry.retired && contentOf(entry.latest) === contentOf(content)) return [];
      return [{ type: 'OutcomeDefinitionPublished', data: { ...content, version: entry ? entry.latest.version + 1 : 1 } }];
    }
    case 'RetireDefinition': {
      const entry = state.entries[command.code];
      if (!entry) return reject('OUTCOME_NOT_FOUND', `the framework holds no outcome ${command.code}`);
      if (entry.retired) return [];
      return [{ type: 'OutcomeDefinitionRetired', data: { code: command.code, reason: command.reason } }];
    }
    default:
      return assertNeverCommand(command);
  }
}

function assertNeverCommand(value: never): never {
  throw new Error(`unhandled framework command: ${JSON.stringify(value)}`);
}

/**
 * The codes a contract's terms may name, with their kind. `includeRetired` is for history (spec section 10:
 * `verify` accepts every code ever published, since a code may have been retired after the contract used it).
 */
export function outcomeKinds(state: Catalogue, options: { includeRetired?: boolean } = {}): ReadonlyMap<string, OutcomeKind> {
  const kinds = new Map<string, OutcomeKind>();
  for (const [code, entry] of Object.entries(state.entries)) {
    if (!entry.retired || options.includeRetired) kinds.set(code, entry.latest.definition.kind);
  }
  return kinds;
}

const PUBLISH_FIELDS = ['code', 'name', 'category', 'definition', 'indicativePricePence', 'source'];

/** Request shape of a publication (spec section 7: exact members, no null in optional ones). */
export function validatePublishBody(body: unknown): FieldError[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [{ field: '', message: 'must be an object' }];
  const record = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(record)) {
    if (!PUBLISH_FIELDS.includes(key)) errors.push({ field: key, message: 'is not a member of this command' });
    else if (record[key] === null) errors.push({ field: key, message: 'must be omitted rather than null' });
  }
  if (!isValidId(record['code'])) errors.push({ field: 'code', message: 'must be an id' });
  if (typeof record['name'] !== 'string' || record['name'].length === 0 || record['name'].length > 500) {
    errors.push({ field: 'name', message: 'must be a string of 1 to 500 characters' });
  }
  if (record['category'] !== 'hard' && record['category'] !== 'soft') errors.push({ field: 'category', message: 'must be hard or soft' });
  errors.push(...validateDefinition(record['definition'], 'definition'));
  const price = record['indicativePricePence'];
  if (price !== undefined && price !== null && !(isPence(price) && price >= 1 && price <= MAX_AMOUNT_PENCE)) {
    errors.push({ field: 'indicativePricePence', message: 'must be an integer from 1 to 1000000000000' });
  }
  const source = record['source'];
  if (source !== undefined && source !== null && (typeof source !== 'string' || source.length > 500)) {
    errors.push({ field: 'source', message: 'must be a string of at most 500 characters' });
  }
  return errors;
}

/** The catalogue of a stored or exported `outcome-framework` stream. */
export function catalogueFromEvents(events: Iterable<FrameworkEvent>): Catalogue {
  let catalogue = EMPTY_CATALOGUE;
  for (const event of events) catalogue = evolveCatalogue(catalogue, event);
  return catalogue;
}

/**
 * The catalogue of publication bodies in order (a file like the examples' `framework.ndjson`); a body the
 * decider refuses is reported by its index.
 */
export function catalogueFromPublications(bodies: readonly Omit<PublishDefinition, 'type'>[]): Catalogue | { index: number; rejection: Rejection } {
  let catalogue = EMPTY_CATALOGUE;
  for (const [index, body] of bodies.entries()) {
    const events = decideFramework({ ...body, type: 'PublishDefinition' }, catalogue);
    if (isRejection(events)) return { index, rejection: events };
    catalogue = events.reduce(evolveCatalogue, catalogue);
  }
  return catalogue;
}

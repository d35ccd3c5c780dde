import type { OutcomeKind } from '@ledger/contracts-model';
import { isRejection } from '@ledger/kernel';
import {
  decideFramework,
  EMPTY_CATALOGUE,
  evolveCatalogue,
  outcomeKinds,
  validatePublishBody,
  type Catalogue,
  type FrameworkEvent,
  type PublishDefinition,
} from '@ledger/outcome-framework-domain';
import { InputError } from './command';
import { jsonLines } from './export-file';

/**
 * The outcome codes of a framework file, with their kind, retired ones included (a history may use a code retired
 * since). A line is either an event of the `outcome-framework` stream (an export) or the body of a publication
 * (as in the examples' framework.ndjson).
 */
export function readFrameworkFile(file: string, cwd: string): ReadonlyMap<string, OutcomeKind> {
  let catalogue: Catalogue = EMPTY_CATALOGUE;
  for (const { value, where } of jsonLines(file, cwd)) {
    for (const event of frameworkEvents(value, catalogue, where)) catalogue = evolveCatalogue(catalogue, event);
  }
  return outcomeKinds(catalogue, { includeRetired: true });
}

function frameworkEvents(value: unknown, catalogue: Catalogue, where: string): FrameworkEvent[] {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (record['type'] === 'OutcomeDefinitionPublished' || record['type'] === 'OutcomeDefinitionRetired') {
    return [{ type: record['type'], data: record['data'] } as FrameworkEvent];
  }
  const errors = validatePublishBody(value);
  if (errors.length > 0) {
    throw new InputError(`${where} is neither a framework event nor a definition to publish: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}`);
  }
  const decision = decideFramework({ type: 'PublishDefinition', ...(value as Omit<PublishDefinition, 'type'>) }, catalogue);
  if (isRejection(decision)) throw new InputError(`${where}: ${decision.code} (${decision.message})`);
  return decision;
}

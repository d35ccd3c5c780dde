import { eventIdFor, isRejection, type UnsealedMetadata } from '@ledger/kernel';
import {
  decideFramework,
  evolveCatalogue,
  EMPTY_CATALOGUE,
  OUTCOME_FRAMEWORK_STREAM,
  type Catalogue,
  type FrameworkCommand,
  type PublishDefinition,
} from '@ledger/outcome-framework-domain';

/** The part of an EventStore this needs: the store's own specs use this library, so it may not import the store. */
interface Appender {
  appendToStream(streamId: string, events: { id: string; type: string; data: unknown; metadata: UnsealedMetadata }[], options: { expectedRevision: 'any' }): Promise<unknown>;
}

const ADMIN = { sub: 'admin@ledger.test', role: 'admin', org: 'LEDGER-ADMIN' };

/** The examples' framework.ndjson (one publication body a line) as commands. */
export function publicationsOf(ndjson: string): FrameworkCommand[] {
  return ndjson
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ type: 'PublishDefinition', ...(JSON.parse(line) as Omit<PublishDefinition, 'type'>) }));
}

/**
 * Writes framework commands to a store's `outcome-framework` stream through the framework's decider, as an admin
 * would, so that tests of what reads the store's catalogue start from a real one. Meant for a store without a
 * framework yet: the commands are decided from an empty catalogue.
 */
export async function seedFramework(store: Appender, commands: readonly FrameworkCommand[], recordedAt = '2024-01-02T09:00:00.000Z'): Promise<void> {
  let catalogue: Catalogue = EMPTY_CATALOGUE;
  const seed = `framework-seed-${Date.now().toString(36)}`;
  for (const [index, command] of commands.entries()) {
    const events = decideFramework(command, catalogue);
    if (isRejection(events)) throw new Error(`framework command ${index} refused: ${events.code} (${events.message})`);
    if (events.length === 0) continue;
    const commandId = `${seed}-${index}`;
    await store.appendToStream(
      OUTCOME_FRAMEWORK_STREAM,
      events.map((event, i) => ({ id: eventIdFor(commandId, i), type: event.type, data: event.data, metadata: { actor: ADMIN, commandId, correlationId: commandId, recordedAt, schemaVersion: 1 } })),
      { expectedRevision: 'any' },
    );
    catalogue = events.reduce(evolveCatalogue, catalogue);
  }
}

import type { OutcomeKind } from '@ledger/contracts-model';
import type { EventStore } from '@ledger/event-store';
import { catalogueFromEvents, OUTCOME_FRAMEWORK_STREAM, outcomeKinds, type FrameworkEvent } from '@ledger/outcome-framework-domain';

/**
 * The store's outcome codes with their kind, retired ones included: a history may use a code retired since
 * (spec section 10). Undefined when the store holds no framework, so that callers say the check was skipped.
 */
export async function storeFramework(store: EventStore): Promise<ReadonlyMap<string, OutcomeKind> | undefined> {
  const events = await store.readStream(OUTCOME_FRAMEWORK_STREAM);
  if (events.length === 0) return undefined;
  return outcomeKinds(catalogueFromEvents(events as unknown as FrameworkEvent[]), { includeRetired: true });
}

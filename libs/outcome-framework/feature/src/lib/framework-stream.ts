import { Inject, Injectable } from '@nestjs/common';
import { ConcurrencyError, type EventStore } from '@ledger/event-store';
import { type Actor, eventIdFor, isRejection, type RecordedEvent } from '@ledger/kernel';
import {
  catalogueFromEvents,
  decideFramework,
  evolveCatalogue,
  outcomeKinds,
  OUTCOME_FRAMEWORK_STREAM,
  type Catalogue,
  type FrameworkCommand,
  type FrameworkEvent,
} from '@ledger/outcome-framework-domain';
import type { OutcomeKind } from '@ledger/contracts-model';

export const FRAMEWORK_EVENT_STORE = 'FrameworkEventStore';

/** Re-decisions after a concurrent append before giving up with 412 (two admins at once, or two replicas seeding). */
const MAX_ATTEMPTS = 5;

export interface FrameworkWrite {
  actor: Actor;
  commandId: string;
  correlationId: string;
  recordedAt: string;
}

export interface FrameworkAnswer {
  code: string;
  version: number;
  globalPosition: string;
  revision: number;
  /** False for a publication identical to the current version, or a retirement of a retired code. */
  written: boolean;
}

/** The `outcome-framework` stream: its catalogue, and its commands decided and appended with the expected revision. */
@Injectable()
export class FrameworkStream {
  constructor(@Inject(FRAMEWORK_EVENT_STORE) private readonly store: EventStore) {}

  async catalogue(): Promise<{ catalogue: Catalogue; events: RecordedEvent[] }> {
    const events = await this.store.readStream(OUTCOME_FRAMEWORK_STREAM);
    return { catalogue: catalogueFromEvents(events as unknown as FrameworkEvent[]), events };
  }

  /** The codes terms may name now (published and not retired), with their kind. */
  async kinds(): Promise<ReadonlyMap<string, OutcomeKind>> {
    return outcomeKinds((await this.catalogue()).catalogue);
  }

  /** Throws the decider's rejection; re-decides on a concurrent append. */
  async execute(command: FrameworkCommand, write: FrameworkWrite): Promise<FrameworkAnswer> {
    for (let attempt = 1; ; attempt++) {
      const { catalogue, events } = await this.catalogue();
      const decision = decideFramework(command, catalogue);
      if (isRejection(decision)) throw decision;
      if (decision.length === 0) return answerOf(command.code, events, false);
      try {
        await this.store.appendToStream(
          OUTCOME_FRAMEWORK_STREAM,
          decision.map((event, index) => ({
            id: eventIdFor(write.commandId, index),
            type: event.type,
            data: event.data,
            metadata: { actor: write.actor, commandId: write.commandId, correlationId: write.correlationId, recordedAt: write.recordedAt, schemaVersion: 1 },
          })),
          { expectedRevision: events.length === 0 ? 'no_stream' : events.length - 1 },
        );
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
      return answerOf(command.code, await this.store.readStream(OUTCOME_FRAMEWORK_STREAM), true);
    }
  }

  /** Publishes in one append every definition whose code the stream has never held (first start of a store). */
  async seed(definitions: readonly Omit<Extract<FrameworkCommand, { type: 'PublishDefinition' }>, 'type'>[], write: Omit<FrameworkWrite, 'commandId'>): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const { catalogue, events } = await this.catalogue();
      let next = catalogue;
      const toAppend: FrameworkEvent[] = [];
      for (const definition of definitions) {
        // A code an admin has published, changed or retired is theirs: seeding never overrides it.
        if (next.entries[definition.code]) continue;
        const decision = decideFramework({ ...definition, type: 'PublishDefinition' }, next);
        if (isRejection(decision)) throw new Error(`default catalogue: ${definition.code}: ${decision.message}`);
        toAppend.push(...decision);
        next = decision.reduce(evolveCatalogue, next);
      }
      if (toAppend.length === 0) return 0;
      try {
        await this.store.appendToStream(
          OUTCOME_FRAMEWORK_STREAM,
          toAppend.map((event) => {
            // Derived from the code, so two replicas seeding at once write the same events.
            const commandId = `seed-default-catalogue:${event.data.code}`;
            return { id: eventIdFor(commandId, 0), type: event.type, data: event.data, metadata: { ...write, commandId, schemaVersion: 1 } };
          }),
          { expectedRevision: events.length === 0 ? 'no_stream' : events.length - 1 },
        );
        return toAppend.length;
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  }
}

/** The code's latest version and the position of the last event about it. */
function answerOf(code: string, events: readonly RecordedEvent[], written: boolean): FrameworkAnswer {
  const about = events.filter((event) => (event.data as { code?: string }).code === code);
  const last = about[about.length - 1];
  const published = [...about].reverse().find((event) => event.type === 'OutcomeDefinitionPublished');
  return {
    code,
    version: (published?.data as { version: number } | undefined)?.version ?? 0,
    globalPosition: last.globalPosition,
    revision: events.length - 1,
    written,
  };
}

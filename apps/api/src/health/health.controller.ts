import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ProjectionWorker, type WorkerHealth } from '@ledger/entitlements-feature';
import type { EventStore } from '@ledger/event-store';
import { EVENT_STORE } from '../store/event-store.provider';

export interface Health {
  status: 'ok';
  /** `connected`: EventStoreDB answered the read over its gRPC connection (a failure answers 503). */
  store: { kind: string; responseMs: number; connected?: true };
  /** Each projection's checkpoint, lag and failure (the event and the error), when the store has read models. */
  projections?: WorkerHealth;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(ProjectionWorker) private readonly projections?: ProjectionWorker,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The process is up and its event store answers a read: `{status: "ok", store: {kind, responseMs}}`.' })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer (problem+json, code UNAVAILABLE).' })
  async health(): Promise<Health> {
    const started = performance.now();
    try {
      // A real read: a process whose database is gone is not healthy, whatever its HTTP server says.
      await this.store.streamRevision('health-check');
    } catch (error) {
      throw new ServiceUnavailableException(`The ${this.store.kind} event store does not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const store = { kind: this.store.kind, responseMs: Math.round(performance.now() - started), ...(this.store.kind === 'esdb' ? { connected: true as const } : {}) };
    return this.projections ? { status: 'ok', store, projections: await this.projections.health() } : { status: 'ok', store };
  }
}

import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@ledger/event-store';
import { EVENT_STORE } from '../store/event-store.provider';

export interface Health {
  status: 'ok';
  store: { kind: string; responseMs: number };
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

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
    return { status: 'ok', store: { kind: this.store.kind, responseMs: Math.round(performance.now() - started) } };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '@ledger/event-store';
import type { AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { EVENT_STORE, eventStoreProviders } from './store/event-store.provider';

/** Injection token of the configuration read once at start. */
export const APP_CONFIG = 'AppConfig';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, store: EventStore): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      controllers: [HealthController],
      providers: [{ provide: APP_CONFIG, useValue: config }, ...eventStoreProviders(store), { provide: APP_FILTER, useClass: ProblemFilter }],
      exports: [APP_CONFIG, EVENT_STORE],
    };
  }
}

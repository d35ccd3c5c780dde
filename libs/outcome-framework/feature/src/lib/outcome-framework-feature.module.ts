import { DynamicModule, Module } from '@nestjs/common';
import type { EventStore } from '@ledger/event-store';
import { FRAMEWORK_EVENT_STORE, FrameworkStream } from './framework-stream';
import { PublishDefinitionController } from './publish-definition/publish-definition.controller';
import { PublishDefinitionHandler } from './publish-definition/publish-definition.handler';
import { ReadCatalogueController } from './read-catalogue/read-catalogue.controller';
import { RetireDefinitionController } from './retire-definition/retire-definition.controller';
import { RetireDefinitionHandler } from './retire-definition/retire-definition.handler';
import { DefaultCatalogueSeeder } from './seed-default-catalogue';

/** Section 9's framework routes; the app module's `CqrsModule.forRoot()` finds the handlers. */
@Module({})
export class OutcomeFrameworkFeatureModule {
  static forRoot(store: EventStore): DynamicModule {
    return {
      module: OutcomeFrameworkFeatureModule,
      // Global: the contracts module checks terms against this catalogue.
      global: true,
      controllers: [ReadCatalogueController, PublishDefinitionController, RetireDefinitionController],
      providers: [{ provide: FRAMEWORK_EVENT_STORE, useValue: store }, FrameworkStream, PublishDefinitionHandler, RetireDefinitionHandler, DefaultCatalogueSeeder],
      exports: [FrameworkStream],
    };
  }
}

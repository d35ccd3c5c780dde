import { DynamicModule, Module } from '@nestjs/common';
import { sqlDatabaseOf, type EventStore } from '@ledger/event-store';
import type { ReadModelChecker } from './read-model-checker';
import { readModelCheckers } from './read-model-checkers';
import { AUDIT_EVENT_STORE, AUDIT_READ_MODELS, VerifyContractController } from './verify-contract.http.controller';

/** The auditors' routes. Read models live in the store's SQL database: a store without one has none to compare. */
@Module({})
export class AuditFeatureModule {
  static forRoot(store: EventStore): DynamicModule {
    const database = sqlDatabaseOf(store);
    const readModels: readonly ReadModelChecker[] = database ? readModelCheckers(database) : [];
    return {
      module: AuditFeatureModule,
      controllers: [VerifyContractController],
      providers: [
        { provide: AUDIT_EVENT_STORE, useValue: store },
        { provide: AUDIT_READ_MODELS, useValue: readModels },
      ],
    };
  }
}

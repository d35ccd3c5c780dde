import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { hasSqlDatabase, type EventStore } from '@ledger/event-store';
import { ProjectionWorker } from './projection-worker';
import { MetricsController, ReadModelsController } from './read-models.controller';
import { ReadModels } from './read-models';

export interface EntitlementsFeatureOptions {
  store: EventStore;
  /** PostgreSQL URL (the read models' database): workers of several processes elect one leader. Absent: the embedded store, one process. */
  leaderConnectionString?: string;
  log?: (line: string) => void;
}

/** Starts the projections once the app is up, and stops them before the store closes. */
@Injectable()
export class ProjectionWorkerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(ProjectionWorker) private readonly worker: ProjectionWorker) {}

  onApplicationBootstrap(): Promise<void> {
    return this.worker.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.worker.stop();
  }
}

/**
 * The read models of spec sections 5 and 6: the projection worker (in the API process by default, or alone) and
 * the read routes. Read models live in the store's SQL database (beside EventStoreDB: PostgreSQL); a store without one has neither.
 */
@Module({})
export class EntitlementsFeatureModule {
  static forRoot(options: EntitlementsFeatureOptions): DynamicModule {
    const { store } = options;
    if (!hasSqlDatabase(store)) return { module: EntitlementsFeatureModule };
    const worker = new ProjectionWorker(store, {
      ...(options.leaderConnectionString === undefined ? {} : { leaderConnectionString: options.leaderConnectionString }),
      log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
    });
    return {
      module: EntitlementsFeatureModule,
      // Global: the contract reads answer closed statements from the statements read model.
      global: true,
      controllers: [ReadModelsController, MetricsController],
      providers: [{ provide: ProjectionWorker, useValue: worker }, { provide: ReadModels, useValue: new ReadModels(store) }, ProjectionWorkerLifecycle],
      exports: [ProjectionWorker, ReadModels],
    };
  }
}

import type { StoreWithDatabase } from '@ledger/event-store';
import { Leadership } from './leadership';
import type { Projection } from './projection';
import { eventsAfter, ProjectionRunner, type ProjectionStatus } from './projection-runner';
import { ensureReadModelTables, liveTable, readCheckpoint } from './read-model-tables';
import { ALL_PROJECTIONS } from './projections';

export interface ProjectionWorkerOptions {
  projections?: readonly Projection[];
  /** PostgreSQL: several workers elect a leader on this database; absent (embedded store), this worker leads. */
  leaderConnectionString?: string;
  leaderPollMs?: number;
  batchSize?: number;
  retryMs?: number;
  log?: (line: string) => void;
}

export interface ProjectionHealth extends ProjectionStatus {
  /** Events in the store after the projection's checkpoint. */
  lagEvents: number;
}

export interface WorkerHealth {
  role: 'leader' | 'follower' | 'stopped';
  projections: ProjectionHealth[];
}

/**
 * Runs every projection of the process while it leads, in one runner: one read of the all-stream and one fold of
 * each contract for all of them. Answers their state and lag for /health and /metrics.
 */
export class ProjectionWorker {
  private runner: ProjectionRunner | undefined;
  private leadership: Leadership | undefined;
  private leading = false;
  private started = false;
  readonly projections: readonly Projection[];

  constructor(
    private readonly store: StoreWithDatabase,
    private readonly options: ProjectionWorkerOptions = {},
  ) {
    this.projections = options.projections ?? ALL_PROJECTIONS;
  }

  async start(): Promise<void> {
    await ensureReadModelTables(this.store.database, this.projections.map((projection) => projection.name));
    this.started = true;
    if (this.options.leaderConnectionString === undefined) {
      await this.elected();
      return;
    }
    this.leadership = new Leadership({
      connectionString: this.options.leaderConnectionString,
      pollMs: this.options.leaderPollMs,
      onElected: () => this.elected(),
      onDeposed: () => this.deposed(),
      log: this.options.log,
    });
    this.leadership.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.leadership) await this.leadership.stop();
    else await this.deposed();
  }

  get isLeader(): boolean {
    return this.leading;
  }

  async health(): Promise<WorkerHealth> {
    const statuses = this.leading && this.runner
      ? this.runner.statuses()
      : await Promise.all(this.projections.map((projection) => this.storedStatus(projection)));
    const projections = await Promise.all(statuses.map(async (status) => ({ ...status, lagEvents: await eventsAfter(this.store, status.position) })));
    return { role: !this.started ? 'stopped' : this.leading ? 'leader' : 'follower', projections };
  }

  private async storedStatus(projection: Projection): Promise<ProjectionStatus> {
    const table = liveTable(projection.name);
    const { position } = await readCheckpoint(this.store.database, table);
    return { name: projection.name, table, state: 'stopped', position };
  }

  private async elected(): Promise<void> {
    this.leading = true;
    this.runner = new ProjectionRunner(this.store, this.projections, {
      table: liveTable,
      ...(this.options.batchSize === undefined ? {} : { batchSize: this.options.batchSize }),
      ...(this.options.retryMs === undefined ? {} : { retryMs: this.options.retryMs }),
      ...(this.options.log === undefined ? {} : { log: this.options.log }),
    });
    this.runner.start();
  }

  private async deposed(): Promise<void> {
    this.leading = false;
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
  }
}

/** Prometheus text exposition of the projections' lag and state. */
export function projectionMetrics(health: WorkerHealth): string {
  const lines = [
    '# HELP ledger_projection_lag_events Events in the store after the projection checkpoint.',
    '# TYPE ledger_projection_lag_events gauge',
    ...health.projections.map((p) => `ledger_projection_lag_events{projection="${p.name}"} ${p.lagEvents}`),
    '# HELP ledger_projection_failed Whether the projection is stopped at a failing event (1) or not (0).',
    '# TYPE ledger_projection_failed gauge',
    ...health.projections.map((p) => `ledger_projection_failed{projection="${p.name}"} ${p.state === 'failed' ? 1 : 0}`),
    '# HELP ledger_projection_leader Whether this process runs the projections (1) or follows (0).',
    '# TYPE ledger_projection_leader gauge',
    `ledger_projection_leader ${health.role === 'leader' ? 1 : 0}`,
  ];
  return `${lines.join('\n')}\n`;
}

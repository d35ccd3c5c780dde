import { Client } from 'pg';

/** Arbitrary constant: the one advisory lock the projection workers of a database compete for. */
export const PROJECTION_LEADER_LOCK = 7_340_213;

export interface LeadershipOptions {
  connectionString: string;
  /** How often a follower asks for the lock (and a leader checks its connection is alive). */
  pollMs?: number;
  onElected: () => Promise<void>;
  onDeposed: () => Promise<void>;
  log?: (line: string) => void;
}

/**
 * Leadership by a session advisory lock held on a connection of its own: it lasts while the connection does, so
 * when the leader's process or connection dies the server releases the lock and a follower takes it at its next
 * poll. The lock is never held inside a transaction (a long transaction would hold back every reader of all).
 */
export class Leadership {
  private client: Client | undefined;
  private leader = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private yieldUntil = 0;

  constructor(private readonly options: LeadershipOptions) {}

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    await this.depose();
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => this.schedule(this.options.pollMs ?? 1_000));
    }, ms);
  }

  private async tick(): Promise<void> {
    try {
      const client = await this.connection();
      if (this.leader) {
        // A query on the lock's connection: a killed connection shows up here, not only as an 'error' event.
        await client.query('SELECT 1');
        return;
      }
      if (Date.now() < this.yieldUntil) return;
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [PROJECTION_LEADER_LOCK]);
      if (rows[0]?.locked && !this.stopped) {
        this.leader = true;
        this.options.log?.('projection worker: elected leader (advisory lock held)');
        await this.options.onElected();
      }
    } catch (error) {
      this.options.log?.(`projection worker: lock connection lost (${error instanceof Error ? error.message : String(error)})`);
      await this.lost();
    }
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.options.connectionString });
    client.on('error', () => {
      void this.lost();
    });
    await client.connect();
    this.client = client;
    return client;
  }

  /**
   * A leader that lost its connection stands aside for a few polls: the lock is free and a follower with a
   * working connection should win it, rather than the process whose network just failed.
   */
  private async lost(): Promise<void> {
    if (this.leader) this.yieldUntil = Date.now() + 5 * (this.options.pollMs ?? 1_000);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.depose();
  }

  private async depose(): Promise<void> {
    if (!this.leader) return;
    this.leader = false;
    this.options.log?.('projection worker: no longer leader');
    await this.options.onDeposed();
  }
}

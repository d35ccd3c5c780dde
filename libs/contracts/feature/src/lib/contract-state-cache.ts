import type { RecordedContractEvent } from '@ledger/contracts-model';
import type { ContractState } from '@ledger/contracts-domain';

/** A contract as folded at its last event read: `state` is the fold of `events`, which are revisions 0 to n-1. */
export interface FoldedContract {
  readonly events: readonly RecordedContractEvent[];
  readonly state: ContractState;
}

/** Events held by default: about 1 to 2 KB each in memory, so some 50 to 100 MB at the bound. */
export const DEFAULT_CACHED_EVENTS = 50_000;

/**
 * The folds of the contracts commanded most recently, least recently used out first, bounded by the events they
 * hold (one long contract weighs what many short ones do). Never an authority: a command reads the events after
 * the cached revision and appends with the revision it read as expected, so an entry that fell behind (another
 * process appended) is brought up to date, and one that cannot be (see the pipeline) is dropped and the stream
 * read whole. The states are shared, so nothing may change them: the deciders and the fold never do.
 */
export class ContractStateCache {
  private readonly entries = new Map<string, FoldedContract>();
  private held = 0;

  constructor(readonly maxEvents = DEFAULT_CACHED_EVENTS) {}

  get(contractId: string): FoldedContract | undefined {
    const entry = this.entries.get(contractId);
    if (entry) {
      // A Map iterates in insertion order: inserting again makes it the most recently used.
      this.entries.delete(contractId);
      this.entries.set(contractId, entry);
    }
    return entry;
  }

  /** Keeps the fold unless a longer one of the same contract is already held (a concurrent command read further). */
  set(contractId: string, entry: FoldedContract): void {
    const held = this.entries.get(contractId);
    if (held && held.events.length > entry.events.length) return;
    this.delete(contractId);
    if (entry.events.length > this.maxEvents) return;
    this.entries.set(contractId, entry);
    this.held += entry.events.length;
    for (const [oldest, { events }] of this.entries) {
      if (this.held <= this.maxEvents) break;
      this.entries.delete(oldest);
      this.held -= events.length;
    }
  }

  delete(contractId: string): void {
    const held = this.entries.get(contractId);
    if (!held) return;
    this.entries.delete(contractId);
    this.held -= held.events.length;
  }

  /** How many contracts and events are held, for tests and `/health`-style introspection. */
  get size(): { contracts: number; events: number } {
    return { contracts: this.entries.size, events: this.held };
  }
}

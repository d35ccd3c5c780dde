import type { SqlQueryable } from '@ledger/event-store';
import type { FoldedEvent } from './contract-folds';
import type { DocumentCache } from './document-cache';

export interface ProjectionContext {
  /** Reads rows as committed; the batch's own changes are seen only through `docs`. */
  client: SqlQueryable;
  docs: DocumentCache;
}

/**
 * An asynchronous read model of the contracts in the all-stream. The runner folds each contract event once, in
 * the one fold of its contract that every projection it runs shares, and then hands it to each projection in
 * turn (so `folded.contract` is the contract right after this event). `apply` changes documents through the
 * context only (never writes with the client); the runner writes them and the checkpoint in one transaction
 * per batch.
 */
export interface Projection {
  readonly name: string;
  apply(folded: FoldedEvent, context: ProjectionContext): Promise<void>;
}

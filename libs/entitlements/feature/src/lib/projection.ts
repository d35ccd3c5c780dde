import type { SqlQueryable } from '@ledger/event-store';
import type { ContractFolds } from './contract-folds';
import type { DocumentCache } from './document-cache';
import type { RecordedEvent } from '@ledger/kernel';

export interface ProjectionContext {
  /** Reads rows as committed; the batch's own changes are seen only through `docs`. */
  client: SqlQueryable;
  docs: DocumentCache;
  folds: ContractFolds;
}

/**
 * An asynchronous read model of the all-stream. `apply` changes documents through the context only (never writes
 * with the client); the runner writes them and the checkpoint in one transaction per batch.
 */
export interface Projection {
  readonly name: string;
  apply(event: RecordedEvent, context: ProjectionContext): Promise<void>;
}

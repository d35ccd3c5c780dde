/** The envelope every stored event carries (spec section 2) and the export format of section 10. */
export interface Actor {
  sub: string;
  role: string;
  org: string;
}

export interface EventMetadata {
  actor: Actor;
  commandId: string;
  correlationId: string;
  causationId?: string;
  recordedAt: string;
  schemaVersion: number;
  prevHash: string;
  hash: string;
}

/** What a writer hands the store: the store adds `prevHash` and `hash` while it holds the expected revision. */
export type UnsealedMetadata = Omit<EventMetadata, 'prevHash' | 'hash'>;

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  streamId: string;
  revision: number;
  /** Opaque to callers: a string that orders as the store orders events. */
  globalPosition: string;
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export { EsdbEventStore, openEsdbEventStore, EVENT_ID_CLAIM_PREFIX, type EsdbEventStoreOptions } from './esdb-event-store';
export { decodePosition, encodePosition, type LogPosition } from './position';
export { startEsdbStandIn, type EsdbStandIn, type EsdbStandInOptions } from './esdb-stand-in';

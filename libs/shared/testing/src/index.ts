export * from './lib/test-database';
export * from './lib/framework-fixture';
export * from './lib/shared-dir';
export * from './lib/example-files';
export * from './lib/reseal';
export * from './http/ledger-api';

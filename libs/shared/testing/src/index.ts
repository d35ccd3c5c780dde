export * from './lib/test-database';
export * from './lib/framework-fixture';

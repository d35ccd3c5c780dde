export * from './lib/export-contract';
export * from './lib/import-events';
export * from './lib/read-model-checker';
export * from './lib/store-framework';
export * from './lib/verify-contract';
export * from './lib/statements-checker';
export * from './lib/verify-contract.http.controller';
export * from './lib/audit-feature.module';

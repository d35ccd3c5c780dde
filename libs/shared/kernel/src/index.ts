export * from './lib/canonical-json';
export * from './lib/hash';
export * from './lib/uuid';
export * from './lib/dates';
export * from './lib/money';
export * from './lib/result';
export * from './lib/ids';
export * from './lib/envelope';

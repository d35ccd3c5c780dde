export * from './lib/terms';
export * from './lib/events';

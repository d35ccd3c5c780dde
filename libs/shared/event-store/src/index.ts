export * from './lib/port';

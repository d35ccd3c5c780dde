export * from './lib/definition';
export * from './lib/framework';

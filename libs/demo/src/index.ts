export * from './lib/demo-plan';
export * from './lib/seed-demo';

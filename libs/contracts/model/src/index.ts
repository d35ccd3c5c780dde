export * from './lib/terms';
export * from './lib/events';
export * from './lib/timeline';
export * from './lib/timeline-days';

export * from './lib/csv';
export * from './lib/code-lists';
export * from './lib/episodes';
export * from './lib/existing-placements';
export * from './lib/plan-ssda903-import';

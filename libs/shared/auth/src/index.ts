export * from './lib/token-verifier';
export * from './lib/clock';
export * from './lib/caller';
export * from './lib/idempotency-store';
export * from './lib/auth.module';
export * from './lib/answer-once';

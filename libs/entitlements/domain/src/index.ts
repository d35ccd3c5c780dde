export * from './lib/statement';
export { EntitlementLedger, capped, type VerificationPrice } from './lib/ledger';
export * from './lib/statements';

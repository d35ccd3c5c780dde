export * from './lib/statement';
export { EntitlementLedger, capped, hashedStatement, type VerificationPrice } from './lib/ledger';
export * from './lib/statements';

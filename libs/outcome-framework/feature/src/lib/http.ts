import type { Caller } from '@ledger/auth';
import { reject } from '@ledger/kernel';
import type { FieldError } from '@ledger/outcome-framework-domain';

/** 400 VALIDATION with every field error, or the body as its command type. */
export function validated<T>(errors: readonly FieldError[], body: unknown): T {
  if (errors.length > 0) throw reject('VALIDATION', 'the request body is not valid', errors.map((error) => ({ field: error.field || '(body)', message: error.message })));
  return body as T;
}

/** Section 8: admins write the framework; everyone else signed in gets 403. */
export function requireAdmin(caller: Caller): void {
  if (caller.actor.role !== 'admin') throw reject('FORBIDDEN', 'only admins write the outcomes framework');
}

import { reject, type Rejection } from '@ledger/kernel';

/** Spec section 7: every stable code, and the one table from code to HTTP status. */
export const HTTP_STATUS_OF = {
  VALIDATION: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONTRACT_NOT_FOUND: 404,
  PLACEMENT_NOT_FOUND: 404,
  CLAIM_NOT_FOUND: 404,
  VARIATION_NOT_FOUND: 404,
  OUTCOME_NOT_FOUND: 404,
  NOT_FOUND: 404,
  CONTRACT_EXISTS: 409,
  PLACEMENT_EXISTS: 409,
  CLAIM_EXISTS: 409,
  PAYMENT_EXISTS: 409,
  MEASUREMENT_EXISTS: 409,
  VARIATION_EXISTS: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  CONCURRENCY: 412,
  NOT_DRAFT: 422,
  NOT_AGREED: 422,
  ALREADY_SIGNED: 422,
  CONTRACT_TERMINATED: 422,
  OUTSIDE_TERM: 422,
  INVALID_DATES: 422,
  UNKNOWN_OUTCOME: 422,
  PLACEMENT_ENDED: 422,
  CHILD_ALREADY_PLACED: 422,
  DUPLICATE_OUTCOME: 422,
  PREREQUISITE_NOT_MET: 422,
  IMPROVEMENT_NOT_MET: 422,
  CLAIM_WINDOW_EXPIRED: 422,
  ACHIEVED_OUTSIDE_PLACEMENT: 422,
  CLAIM_NOT_PENDING: 422,
  CLAIM_NOT_VERIFIED: 422,
  PERIOD_ALREADY_CLOSED: 422,
  PERIOD_NOT_ENDED: 422,
  PERIOD_OUT_OF_ORDER: 422,
  VARIATION_NOT_PENDING: 422,
  SAME_PARTY: 422,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 429>;

export type ErrorCode = keyof typeof HTTP_STATUS_OF;

export const ERROR_CODES = Object.keys(HTTP_STATUS_OF) as ErrorCode[];

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS_OF[code];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.prototype.hasOwnProperty.call(HTTP_STATUS_OF, value);
}

/** What a decider may answer: the codes that follow from the contract's state and the command. */
export type DomainRejection = Rejection<ErrorCode>;

export function rejectWith(code: ErrorCode, message: string, errors?: { field: string; message: string }[]): DomainRejection {
  return reject(code, message, errors);
}

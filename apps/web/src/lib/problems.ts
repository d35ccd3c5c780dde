/** RFC 9457 problem details as the API writes them (spec section 7), with its stable `code`. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** Each stable code of spec section 7 in words a commissioner, a provider or an auditor can act on. */
const SENTENCES: Record<string, string> = {
  NETWORK: 'The ledger could not be reached. Check your connection and try again.',
  INTERNAL: 'Sorry, there is a problem with the service. Try again later.',
  VALIDATION: 'Some of the information is missing or not in the right format.',
  MALFORMED_JSON: 'The request could not be read. Reload the page and try again.',
  PAYLOAD_TOO_LARGE: 'The information sent is too large. Send less at a time.',
  RATE_LIMITED: 'Too many requests have been sent. Wait a minute and try again.',
  UNAUTHENTICATED: 'You are not signed in, or your sign-in has expired. Sign in again.',
  FORBIDDEN: 'Your role does not allow you to do this.',
  CONTRACT_NOT_FOUND: 'There is no contract with this reference that you can see.',
  PLACEMENT_NOT_FOUND: 'There is no placement with this reference in the contract.',
  CLAIM_NOT_FOUND: 'There is no claim with this reference in the contract.',
  VARIATION_NOT_FOUND: 'There is no variation with this reference in the contract.',
  OUTCOME_NOT_FOUND: 'There is no outcome with this code in the outcomes framework.',
  NOT_FOUND: 'The page or record was not found.',
  CONTRACT_EXISTS: 'A different contract already has this reference. Choose another reference.',
  PLACEMENT_EXISTS: 'A different placement already has this reference. Choose another reference.',
  CLAIM_EXISTS: 'A different claim already has this reference. Choose another reference.',
  PAYMENT_EXISTS: 'A different payment already has this reference. Choose another reference.',
  MEASUREMENT_EXISTS: 'A different measurement already has this reference. Choose another reference.',
  VARIATION_EXISTS: 'A different variation already has this reference. Choose another reference.',
  IDEMPOTENCY_KEY_REUSED: 'This request was already sent with different details. Reload the page and start again.',
  CONCURRENCY: 'Someone else changed this contract while you were working. Reload the page to see the latest version.',
  NOT_DRAFT: 'The contract has been agreed, so its terms can only change through a variation.',
  NOT_AGREED: 'The contract has not been signed by both parties yet.',
  ALREADY_SIGNED: 'Your organisation has already signed this contract.',
  CONTRACT_TERMINATED: 'The contract has been terminated, so this can no longer be done.',
  OUTSIDE_TERM: 'The date is outside the period the contract covers.',
  INVALID_DATES: 'The dates are not in a possible order. Check that each date comes after the one it follows.',
  UNKNOWN_OUTCOME: 'The outcome is not in the terms in force on that date, or not in the outcomes framework.',
  PLACEMENT_ENDED: 'The placement has already ended. Correct its dates instead.',
  CHILD_ALREADY_PLACED: 'The child already has a placement in this contract for some of these dates.',
  DUPLICATE_OUTCOME: 'This outcome has already been claimed for the child as many times as the terms allow.',
  PREREQUISITE_NOT_MET: 'The outcome this one depends on has not been achieved (or verified) early enough.',
  IMPROVEMENT_NOT_MET: 'The measurements do not show enough improvement for this outcome.',
  CLAIM_WINDOW_EXPIRED: 'The claim was made too long after the outcome was achieved.',
  ACHIEVED_OUTSIDE_PLACEMENT: 'The outcome date is before the placement started or outside the contract.',
  CLAIM_NOT_PENDING: 'The claim has already been decided.',
  CLAIM_NOT_VERIFIED: 'Only a verified claim can be reversed.',
  PERIOD_ALREADY_CLOSED: 'This month has already been closed.',
  PERIOD_NOT_ENDED: 'This month has not ended yet, so it cannot be closed.',
  PERIOD_OUT_OF_ORDER: 'Months are closed in order: close the earlier months first.',
  VARIATION_NOT_PENDING: 'The variation has already been accepted or declined.',
  SAME_PARTY: 'The party that proposed a variation cannot accept or decline it.',
};

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['code'] === 'string' && typeof record['status'] === 'number';
}

/** A problem as one sentence: the words for its code, else the server's own detail, else its status. */
export function describeProblem(problem: Problem): string {
  const sentence = SENTENCES[problem.code];
  if (sentence) return sentence;
  if (problem.detail) return problem.detail;
  if (problem.status >= 500) return 'Sorry, there is a problem with the service. Try again later.';
  return `The request was refused (${problem.title ?? problem.code}).`;
}

/** A field error's message as a sentence that names the field in words: "terms.fees[0].pricePence" is "Fee 1 price". */
export function describeFieldError(error: { field: string; message: string }): string {
  return `${humaniseField(error.field)} ${error.message}`.replace(/\s+/g, ' ').trim();
}

const FIELD_WORDS: Record<string, string> = {
  contractId: 'Contract reference',
  commissionerId: 'Commissioner',
  providerId: 'Provider',
  placementId: 'Placement reference',
  claimId: 'Claim reference',
  paymentId: 'Payment reference',
  measurementId: 'Measurement reference',
  variationId: 'Variation reference',
  childRef: 'Child reference',
  pricePence: 'price',
  amountPence: 'Amount',
  perChildPence: 'Cap per child',
  contractPence: 'Cap for the contract',
  startDate: 'Start date',
  endDate: 'End date',
  changedOn: 'Date of change',
  achievedOn: 'Date achieved',
  measuredOn: 'Date measured',
  paidOn: 'Date paid',
  signedOn: 'Date signed',
  terminatedOn: 'Termination date',
  effectiveFrom: 'Effective from',
  placementType: 'Placement type',
  reasonCode: 'Reason code',
  outcomeCode: 'Outcome',
  unitDays: 'unit',
  placementTypes: 'placement types',
};

function humaniseField(field: string): string {
  const words = field
    .split('.')
    .filter((part) => part !== 'terms' && part !== '(body)' && part !== '')
    .map((part) => {
      const indexed = /^(\w+)\[(\d+)\]$/.exec(part);
      if (indexed) {
        const noun = indexed[1] === 'fees' ? 'Fee' : indexed[1] === 'outcomes' ? 'Outcome' : indexed[1] === 'evidence' ? 'Evidence' : indexed[1];
        return `${noun} ${Number(indexed[2]) + 1}`;
      }
      return FIELD_WORDS[part] ?? part;
    });
  const text = words.join(' ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'The request';
}

/**
 * The id of the form control a field error belongs to, so the error summary can link to it. The scope keeps
 * ids unique when several forms on one page share a field name (every placement's "end date").
 */
export function fieldId(field: string, scope = ''): string {
  return `${scope ? `${scope}-` : ''}field-${field.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}

import { isPence, isValidDate, isValidId, isValidPeriod, MAX_AMOUNT_PENCE } from '@ledger/kernel';
import { type FieldError, validateDefinition } from '@ledger/outcome-framework-domain';
import type { ContractCommandType } from './commands';

/** Checks one value; returns a message when it is wrong. */
type Check = (value: unknown, field: string, errors: FieldError[]) => void;

interface Member {
  check: Check;
  optional?: boolean;
}

const SHORT = 500;
const LONG = 2000;

function simple(ok: (value: unknown) => boolean, message: string): Check {
  return (value, field, errors) => {
    if (!ok(value)) errors.push({ field, message });
  };
}

const id = simple(isValidId, 'must be an id: a letter or digit, then up to 63 letters, digits, dots, dashes or underscores');
const date = simple(isValidDate, 'must be a real calendar date YYYY-MM-DD');
const text = (max: number) => simple((v) => typeof v === 'string' && v.length > 0 && v.length <= max, `must be a string of 1 to ${max} characters`);
const pence = simple((v) => isPence(v) && v >= 1 && v <= MAX_AMOUNT_PENCE, 'must be an integer number of pence from 1 to 1000000000000');
const integer = simple((v) => typeof v === 'number' && Number.isSafeInteger(v), 'must be an integer');
const oneOf = (...values: unknown[]) => simple((v) => values.includes(v), `must be one of ${values.join(', ')}`);
const dateOrNull: Check = (value, field, errors) => {
  if (value !== null) date(value, field, errors);
};

function object(members: Record<string, Member>): Check {
  return (value, field, errors) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ field: field || '(body)', message: 'must be a JSON object' });
      return;
    }
    const record = value as Record<string, unknown>;
    const at = (key: string) => (field ? `${field}.${key}` : key);
    for (const key of Object.keys(record)) {
      if (!(key in members)) errors.push({ field: at(key), message: 'is not a member of this command' });
    }
    for (const [key, member] of Object.entries(members)) {
      const present = Object.prototype.hasOwnProperty.call(record, key);
      if (!present) {
        if (!member.optional) errors.push({ field: at(key), message: 'is required' });
      } else if (record[key] === null && member.optional) {
        errors.push({ field: at(key), message: 'is optional: omit it rather than send null' });
      } else {
        member.check(record[key], at(key), errors);
      }
    }
  };
}

function list(item: Check, nonEmpty = false): Check {
  return (value, field, errors) => {
    if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
      errors.push({ field, message: nonEmpty ? 'must be a non-empty list' : 'must be a list' });
      return;
    }
    value.forEach((entry, index) => item(entry, `${field}[${index}]`, errors));
  };
}

const req = (check: Check): Member => ({ check });
const opt = (check: Check): Member => ({ check, optional: true });

const placementTypes = list(text(SHORT), true);

const fee = object({
  code: req(id),
  name: req(text(SHORT)),
  pricePence: req(pence),
  unitDays: req(oneOf(1, 7)),
  placementTypes: opt(placementTypes),
});

const OUTCOME_OWN_MEMBERS = ['code', 'name', 'category', 'pricePence'];

const outcome: Check = (value, field, errors) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ field, message: 'must be an object' });
    return;
  }
  const record = value as Record<string, unknown>;
  id(record['code'], `${field}.code`, errors);
  text(SHORT)(record['name'], `${field}.name`, errors);
  oneOf('hard', 'soft')(record['category'], `${field}.category`, errors);
  pence(record['pricePence'], `${field}.pricePence`, errors);
  errors.push(...validateDefinition(value, field, OUTCOME_OWN_MEMBERS));
};

function uniqueCodes(entries: unknown, field: string, errors: FieldError[]): void {
  if (!Array.isArray(entries)) return;
  const seen = new Set<unknown>();
  entries.forEach((entry, index) => {
    const code = (entry as { code?: unknown } | null)?.code;
    if (seen.has(code)) errors.push({ field: `${field}[${index}].code`, message: 'appears twice in these terms' });
    seen.add(code);
  });
}

const terms: Check = (value, field, errors) => {
  object({
    fees: req(list(fee)),
    outcomes: req(list(outcome)),
    caps: req(object({ perChildPence: opt(pence), contractPence: opt(pence) })),
  })(value, field, errors);
  const record = value as Record<string, unknown> | null;
  if (record && typeof record === 'object') {
    uniqueCodes(record['fees'], `${field}.fees`, errors);
    uniqueCodes(record['outcomes'], `${field}.outcomes`, errors);
  }
};

const ssda903 = object({
  rne: req(text(SHORT)),
  ls: req(text(SHORT)),
  cin: req(text(SHORT)),
  placeProvider: req(text(SHORT)),
  urn: req(text(SHORT)),
  decom: opt(date),
});

const reason = text(LONG);

/** Spec sections 3, 7 and 9: the members of each command's body (path ids and server-computed fields excluded). */
const BODIES: Record<ContractCommandType, Check> = {
  DraftContract: object({
    contractId: req(id),
    commissionerId: req(id),
    providerId: req(id),
    title: req(text(SHORT)),
    startDate: req(date),
    endDate: req(date),
    terms: req(terms),
  }),
  AmendTerms: object({ terms: req(terms), endDate: opt(date) }),
  SignContract: object({ party: req(oneOf('commissioner', 'provider')), signedBy: req(text(SHORT)), signedOn: req(date) }),
  ProposeVariation: object({ variationId: req(id), effectiveFrom: req(date), terms: req(terms), endDate: opt(date), reason: req(reason) }),
  AcceptVariation: object({ reason: opt(reason) }),
  DeclineVariation: object({ reason: opt(reason) }),
  StartPlacement: object({
    placementId: req(id),
    childRef: req(id),
    startDate: req(date),
    placementType: req(text(SHORT)),
    endDate: opt(date),
    reasonCode: opt(text(SHORT)),
    ssda903: opt(ssda903),
  }),
  ChangePlacement: object({ changedOn: req(date), placementType: req(text(SHORT)) }),
  EndPlacement: object({ endDate: req(date), reasonCode: req(text(SHORT)) }),
  CorrectPlacementDates: object({ startDate: req(date), endDate: req(dateOrNull), reason: req(reason) }),
  RecordMeasurement: object({ measurementId: req(id), childRef: req(id), instrument: req(text(SHORT)), score: req(integer), measuredOn: req(date) }),
  ClaimOutcome: object({
    claimId: req(id),
    placementId: req(id),
    childRef: req(id),
    outcomeCode: req(id),
    achievedOn: req(date),
    evidence: req(list(object({ kind: req(text(SHORT)), ref: req(text(LONG)) }), true)),
  }),
  VerifyClaim: object({}),
  RejectClaim: object({ reason: req(reason) }),
  ReverseClaim: object({ reason: req(reason) }),
  RecordPayment: object({
    paymentId: req(id),
    amountPence: req(pence),
    direction: req(oneOf('toProvider', 'toCommissioner')),
    paidOn: req(date),
    reference: req(text(SHORT)),
  }),
  ClosePeriod: object({}),
  TerminateContract: object({ terminatedOn: req(date), reason: req(reason) }),
};

/**
 * 400 for the request itself (spec section 4's precedence): shape, types, real dates, ids, pence from 1 to 10^12,
 * string lengths, unknown members and null in optional ones. Empty: the body is well formed.
 */
export function validateCommandBody(type: ContractCommandType, body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  BODIES[type](body, '', errors);
  if (type === 'StartPlacement' && body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (record['reasonCode'] !== undefined && record['endDate'] === undefined) {
      errors.push({ field: 'reasonCode', message: 'comes only with an endDate' });
    }
  }
  return errors;
}

/** The ids a route carries in its path, checked like the body's. */
export function validatePathParams(params: Readonly<Record<string, string>>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (key === 'period' ? !isValidPeriod(value) : !isValidId(value)) errors.push({ field: key, message: key === 'period' ? 'must be YYYY-MM' : 'must be an id' });
  }
  return errors;
}

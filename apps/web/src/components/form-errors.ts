import { fieldErrorOf, type SummaryError } from './govuk';
import { fieldId } from '../lib/problems';

export interface LocalError {
  field: string;
  text: string;
}

/** Errors found before sending, as summary entries linking to their controls. */
export function summaryOf(errors: LocalError[], scope = ''): SummaryError[] {
  return errors.map((error) => ({ text: error.text, href: `#${fieldId(error.field, scope)}` }));
}

/** A field's message: the one found before sending, else the server's. */
export function errorLookup(local: LocalError[], serverError: unknown): (field: string) => string | undefined {
  return (field) => local.find((error) => error.field === field)?.text ?? fieldErrorOf(serverError, field);
}

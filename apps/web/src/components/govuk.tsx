import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { ApiError } from '../lib/api-client';
import { formatPence } from '../lib/money';
import { describeFieldError, fieldId } from '../lib/problems';

export function Money({ pence }: { pence: number }) {
  return <span className="ledger-money">{formatPence(pence)}</span>;
}

export interface SummaryError {
  text: string;
  href?: string;
}

/** GOV.UK error summary: takes focus when it appears so screen-reader users hear what went wrong first. */
export function ErrorSummary({ errors, title = 'There is a problem', footnote }: { errors: SummaryError[]; title?: string; footnote?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // Before paint, so the first thing announced is the problem, not the page under it.
  useLayoutEffect(() => ref.current?.focus(), [errors]);
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <h2 className="govuk-error-summary__title" id={titleId}>
        {title}
      </h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list govuk-error-summary__list">
          {errors.map((error, index) => (
            <li key={index}>{error.href ? <a href={error.href}>{error.text}</a> : error.text}</li>
          ))}
        </ul>
        {footnote ? <p className="govuk-body-s">{footnote}</p> : null}
      </div>
    </div>
  );
}

/** The errors of a failed request as summary entries, each field error linking to its control. */
export function errorsOf(error: unknown, scope = ''): SummaryError[] {
  if (error instanceof ApiError) {
    const fields = error.fieldErrors.map((fieldError) => ({ text: describeFieldError(fieldError), href: `#${fieldId(fieldError.field, scope)}` }));
    return [{ text: error.message }, ...fields];
  }
  return [{ text: error instanceof Error ? error.message : 'Something went wrong.' }];
}

export function ProblemSummary({ error, scope }: { error: unknown; scope?: string }) {
  const footnote = error instanceof ApiError && error.correlationId ? `If you contact support, quote reference ${error.correlationId}.` : undefined;
  return <ErrorSummary errors={errorsOf(error, scope)} footnote={footnote} />;
}

/** The message of a field from a failed request, shown beside its control. */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.fieldErrors.find((fieldError) => fieldError.field === field);
  return found ? describeFieldError(found) : undefined;
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="govuk-body" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="govuk-body ledger-empty">{children}</p>;
}

export function SuccessBanner({ title, children }: { title: string; children?: ReactNode }) {
  const titleId = useId();
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby={titleId}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{title}</p>
        {children}
      </div>
    </div>
  );
}

const TAG_COLOURS: Record<string, string> = {
  draft: 'govuk-tag--grey',
  agreed: 'govuk-tag--green',
  terminated: 'govuk-tag--red',
  pending: 'govuk-tag--yellow',
  verified: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
  reversed: 'govuk-tag--orange',
  accepted: 'govuk-tag--green',
  declined: 'govuk-tag--red',
  open: 'govuk-tag--blue',
  ended: 'govuk-tag--grey',
  closed: 'govuk-tag--grey',
  provisional: 'govuk-tag--yellow',
  current: 'govuk-tag--green',
  retired: 'govuk-tag--grey',
};

export function StatusTag({ status }: { status: string }) {
  return <strong className={`govuk-tag ${TAG_COLOURS[status] ?? ''}`}>{status.charAt(0).toUpperCase() + status.slice(1)}</strong>;
}

export function SummaryList({ rows }: { rows: [ReactNode, ReactNode][] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map(([key, value], index) => (
        <div className="govuk-summary-list__row" key={index}>
          <dt className="govuk-summary-list__key">{key}</dt>
          <dd className="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** `of` names the list when a page has several paged lists, so each navigation landmark has its own name. */
export function Pagination({ previous, next, pageNumber, of }: { previous?: () => void; next?: () => void; pageNumber: number; of?: string }) {
  if (!previous && !next) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label={`${of ? `Pages of ${of}` : 'Pages'}, showing page ${pageNumber}`}>
      {previous ? (
        <div className="govuk-pagination__prev">
          <button type="button" className="govuk-link govuk-pagination__link ledger-link-button" onClick={previous}>
            <span className="govuk-pagination__link-title">
              Previous <span className="govuk-visually-hidden">page</span>
            </span>
          </button>
        </div>
      ) : null}
      {next ? (
        <div className="govuk-pagination__next">
          <button type="button" className="govuk-link govuk-pagination__link ledger-link-button" onClick={next}>
            <span className="govuk-pagination__link-title">
              Next <span className="govuk-visually-hidden">page</span>
            </span>
          </button>
        </div>
      ) : null}
    </nav>
  );
}

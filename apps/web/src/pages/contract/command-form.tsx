import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { FieldScope } from '../../components/fields';
import { errorLookup, summaryOf, type LocalError } from '../../components/form-errors';
import { ErrorSummary, ProblemSummary } from '../../components/govuk';
import { useCommand } from '../../components/hooks';

/**
 * One command as a form: checks what it can before sending, sends with an idempotency key, shows the
 * refusal in words next to the fields it concerns, and reports success to the page.
 */
export function CommandForm({
  submitText,
  validate,
  send,
  onDone,
  children,
  warning = false,
}: {
  submitText: string;
  validate?: () => LocalError[];
  send(idempotencyKey: string): Promise<unknown>;
  onDone(): void;
  children?: (errorOf: (field: string) => string | undefined) => ReactNode;
  warning?: boolean;
}) {
  const command = useCommand();
  const scope = `f${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const [local, setLocal] = useState<LocalError[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    command.clearError();
    const errors = validate?.() ?? [];
    setLocal(errors);
    if (errors.length > 0) return;
    if (await command.submit(send)) onDone();
  };
  const errorOf = errorLookup(local, command.error);
  return (
    <form onSubmit={submit} noValidate>
      {local.length > 0 ? <ErrorSummary errors={summaryOf(local, scope)} /> : null}
      {command.error ? <ProblemSummary error={command.error} scope={scope} /> : null}
      <FieldScope.Provider value={scope}>{children?.(errorOf)}</FieldScope.Provider>
      <button type="submit" className={`govuk-button${warning ? ' govuk-button--warning' : ''}`} disabled={command.busy} aria-disabled={command.busy}>
        {submitText}
      </button>
    </form>
  );
}

/** A form that stays folded away until asked for, so a page of actions stays readable. */
export function Reveal({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}

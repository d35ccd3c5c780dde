import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { fieldId } from '../lib/problems';

/** The scope of the form the fields are in (see `fieldId`). */
export const FieldScope = createContext('');

function useFieldId(name: string): string {
  return fieldId(name, useContext(FieldScope));
}

interface FieldBase {
  /** The command's field name (`terms.fees[0].pricePence`): the control's id follows from it, for error links. */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
}

/** The hint and the error message under a label or legend, with the ids `aria-describedby` points at. */
function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="govuk-error-message" id={`${id}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
    </>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function groupClass(error: unknown): string {
  return `govuk-form-group${error ? ' govuk-form-group--error' : ''}`;
}

/** One labelled control: label, hint and error above it. */
function FormGroup({ name, label, hint, error, children }: FieldBase & { children: ReactNode }) {
  const id = useFieldId(name);
  return (
    <div className={groupClass(error)}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** Several controls answering one question (a date's boxes, radios): the legend names the group. */
function FieldsetGroup({ name, label, hint, error, legendClass = '', role, children }: FieldBase & { legendClass?: string; role?: 'group'; children: ReactNode }) {
  const id = useFieldId(name);
  return (
    <div className={groupClass(error)}>
      <fieldset className="govuk-fieldset" role={role} aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend${legendClass}`}>{label}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

type ValueField = FieldBase & { value: string; onChange(value: string): void };

/** What every single-control field puts on its control: id, name, error style, description, value. */
function useControl({ name, hint, error, value, onChange }: ValueField, className: string) {
  const id = useFieldId(name);
  return {
    id,
    name,
    className: `${className}${error ? ` ${className}--error` : ''}`,
    value,
    'aria-describedby': describedBy(id, hint, error),
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
}

export function TextField(
  props: ValueField & {
    type?: 'text' | 'date' | 'number';
    width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
    inputMode?: 'numeric' | 'decimal' | 'text';
    prefix?: string;
    autoComplete?: string;
    spellCheck?: boolean;
  },
) {
  const { type = 'text', width, inputMode, prefix, autoComplete = 'off', spellCheck } = props;
  const control = useControl(props, 'govuk-input');
  const input = (
    <input
      {...control}
      className={`${control.className}${width ? ` govuk-input--width-${width}` : ''}`}
      type={type}
      inputMode={inputMode}
      autoComplete={autoComplete}
      spellCheck={spellCheck}
    />
  );
  return (
    <FormGroup {...props}>
      {prefix ? (
        <div className="govuk-input__wrapper">
          <div className="govuk-input__prefix" aria-hidden="true">
            {prefix}
          </div>
          {input}
        </div>
      ) : (
        input
      )}
    </FormGroup>
  );
}

interface DateParts {
  day: string;
  month: string;
  year: string;
}

function splitDate(value: string): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] } : { day: '', month: '', year: '' };
}

/** `YYYY-MM-DD` from what was typed; anything that is not digits stays visibly wrong so the form's check catches it. */
export function joinDate(parts: DateParts): string {
  const [day, month, year] = [parts.day.trim(), parts.month.trim(), parts.year.trim()];
  if (!day && !month && !year) return '';
  const pad = (text: string) => (/^\d$/.test(text) ? `0${text}` : text);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The GOV.UK date input: day, month and year boxes, which read the same in every browser and locale. */
export function DateField({ name, label, hint = 'For example, 27 3 2024', error, value, onChange }: ValueField) {
  const id = useFieldId(name);
  const [parts, setParts] = useState(() => splitDate(value));
  useEffect(() => {
    // A value set from outside (a reset, a default) replaces what the boxes show; our own edits already match it,
    // so the boxes are not a dependency: half-typed dates must survive.
    if (value !== joinDate(parts)) setParts(splitDate(value));
  }, [value]);
  const update = (part: keyof DateParts, text: string) => {
    const next = { ...parts, [part]: text };
    setParts(next);
    onChange(joinDate(next));
  };
  const boxes: [keyof DateParts, string, 2 | 4][] = [
    ['day', 'Day', 2],
    ['month', 'Month', 2],
    ['year', 'Year', 4],
  ];
  return (
    <FieldsetGroup name={name} label={label} hint={hint} error={error} role="group">
      <div className="govuk-date-input">
        {boxes.map(([part, text, width]) => {
          // The day box carries the field's id, so an error summary link lands at the start of the date.
          const boxId = part === 'day' ? id : `${id}-${part}`;
          return (
            <div className="govuk-date-input__item" key={part}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={boxId}>
                  {text}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
                  id={boxId}
                  name={`${name}-${part}`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={parts[part]}
                  onChange={(event) => update(part, event.target.value)}
                />
              </div>
            </div>
          );
        })}
      </div>
    </FieldsetGroup>
  );
}

export function MoneyField(props: ValueField) {
  return <TextField {...props} prefix="£" width={10} inputMode="decimal" spellCheck={false} />;
}

export function TextareaField(props: ValueField & { rows?: number }) {
  return (
    <FormGroup {...props}>
      <textarea {...useControl(props, 'govuk-textarea')} rows={props.rows ?? 3} />
    </FormGroup>
  );
}

export function SelectField(props: ValueField & { options: { value: string; text: string }[] }) {
  return (
    <FormGroup {...props}>
      <select {...useControl(props, 'govuk-select')}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

export function RadiosField(props: ValueField & { options: { value: string; text: string; hint?: string }[]; inline?: boolean }) {
  const { name, label, hint, error, value, onChange, options, inline } = props;
  const id = useFieldId(name);
  return (
    <FieldsetGroup name={name} label={label} hint={hint} error={error} legendClass=" govuk-fieldset__legend--s">
      <div className={`govuk-radios govuk-radios--small${inline ? ' govuk-radios--inline' : ''}`}>
        {options.map((option, index) => {
          // The first radio carries the field's id so an error summary link lands on the group.
          const optionId = index === 0 ? id : `${id}-${index}`;
          return (
            <div className="govuk-radios__item" key={option.value}>
              <input
                className="govuk-radios__input"
                id={optionId}
                name={name}
                type="radio"
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={option.hint ? `${optionId}-hint` : undefined}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
                {option.text}
              </label>
              {option.hint ? (
                <div className="govuk-hint govuk-radios__hint" id={`${optionId}-hint`}>
                  {option.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </FieldsetGroup>
  );
}

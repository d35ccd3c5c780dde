import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary, ProblemSummary, SummaryList } from '../../components/govuk';
import { useLocalPages } from '../../components/local-pages';
import { useCommand } from '../../components/hooks';
import { TextField } from '../../components/fields';
import { formatDate } from '../../lib/dates';
import type { ContractTabProps } from './context';

/** A problem of the file: its line (the header is line 1) and column (docs/ssda903-import.md). */
interface ImportIssue {
  line?: number;
  column?: string;
  code: string;
  message: string;
}

interface PlannedEvent {
  type: string;
  data: { placementId?: string; childRef?: string; placementType?: string; startDate?: string; endDate?: string | null; changedOn?: string };
}

/** The answer of `POST .../imports/ssda903`, 200 or 422. */
export interface ImportAnswer {
  dryRun: boolean;
  ok: boolean;
  appended: number;
  events: PlannedEvent[];
  skipped: ImportIssue[];
  errors: ImportIssue[];
  summary: Record<string, number>;
}

const MAX_FILE_BYTES = 20 * 1024 * 1024;

const SUMMARY_WORDS: [string, string][] = [
  ['rowsRead', 'Rows read'],
  ['rowsSelected', 'Rows of the selected authority'],
  ['rowsSuperseded', 'Rows a later return repeats'],
  ['invalidRows', 'Bad rows'],
  ['episodesOutsideContract', 'Episodes outside the contract’s dates'],
  ['episodesImported', 'Episodes imported'],
  ['placements', 'Placements in the file'],
  ['placementsStarted', 'Placements started'],
  ['placementsEnded', 'Placements ended'],
  ['placementDatesCorrected', 'Placements with corrected dates'],
  ['placementTypeChanges', 'Changes of placement type'],
  ['placementsUnchanged', 'Placements already as the file says'],
  ['placementsNotStarted', 'Placements not started (the contract is terminated)'],
];

/** The commissioner's SSDA903 import: check the episodes file first (a dry run), then import what it plans. */
export function Ssda903Import({ api, apiPath, done }: Pick<ContractTabProps, 'api' | 'apiPath' | 'done'>) {
  const scope = `f${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const fileInput = useRef<HTMLInputElement>(null);
  const [la, setLa] = useState('');
  const [urns, setUrns] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [answer, setAnswer] = useState<ImportAnswer | undefined>(undefined);
  const command = useCommand();

  const send = async (dryRun: boolean) => {
    const file = fileInput.current?.files?.[0];
    setFileError(!file ? 'Select the episodes CSV file' : file.size > MAX_FILE_BYTES ? 'The file is larger than 20 MB: split it by return year' : undefined);
    if (!file || file.size > MAX_FILE_BYTES) return;
    setAnswer(undefined);
    const query = new URLSearchParams({ dryRun: String(dryRun), skipInvalid: String(skipInvalid) });
    if (la.trim()) query.set('la', la.trim());
    for (const urn of urns.split(/[\s,]+/).filter(Boolean)) query.append('urn', urn);
    const form = new FormData();
    form.append('episodes', file, file.name);
    let result: ImportAnswer | undefined;
    const sent = await command.submit(async (idempotencyKey) => {
      result = (await api.upload<ImportAnswer>(`${apiPath}/imports/ssda903?${query.toString()}`, form, { idempotencyKey, answerStatuses: [422] })).body;
    });
    if (!sent || !result) return;
    setAnswer(result);
    if (!result.dryRun && result.appended > 0) done(`The import recorded ${result.appended} ${result.appended === 1 ? 'change' : 'changes'} to placements.`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };

  const fieldId = `${scope}-field-episodes`;
  return (
    <form onSubmit={submit} noValidate>
      {fileError ? <ErrorSummary errors={[{ text: fileError, href: `#${fieldId}` }]} /> : null}
      {command.error ? <ProblemSummary error={command.error} scope={scope} /> : null}
      <p className="govuk-body">
        The authority’s SSDA903 episodes file becomes placements of this contract: only the pseudonymous child id is kept, never postcodes or other
        personal details. Importing the same file again changes nothing; a later return adds only the differences.
      </p>
      <div className={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor={fieldId}>
          Episodes file (CSV)
        </label>
        <div className="govuk-hint" id={`${fieldId}-hint`}>
          The episodes file of one or more returns, up to 20 MB. The header file is not needed.
        </div>
        {fileError ? (
          <p className="govuk-error-message" id={`${fieldId}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {fileError}
          </p>
        ) : null}
        <input
          ref={fileInput}
          className={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
          id={fieldId}
          name="episodes"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${fieldId}-hint${fileError ? ` ${fieldId}-error` : ''}`}
        />
      </div>
      <TextField name="la" label="Local authority in the file (optional)" hint="Only rows of this LA are read, when the file holds several" value={la} onChange={setLa} width={20} />
      <TextField name="urn" label="Settings to import (optional)" hint="Ofsted URNs separated by spaces; leave empty for every setting" value={urns} onChange={setUrns} width={30} spellCheck={false} />
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id={`${scope}-skip`} type="checkbox" checked={skipInvalid} onChange={(event) => setSkipInvalid(event.target.checked)} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={`${scope}-skip`}>
              Skip bad rows and import the rest
            </label>
          </div>
        </div>
      </div>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" disabled={command.busy} aria-disabled={command.busy} onClick={() => void send(true)}>
          Check the file
        </button>
        <button type="submit" className="govuk-button" disabled={command.busy} aria-disabled={command.busy}>
          Import the placements
        </button>
      </div>
      <div aria-live="polite">{answer ? <ImportResult answer={answer} /> : null}</div>
    </form>
  );
}

function ImportResult({ answer }: { answer: ImportAnswer }) {
  const heading = !answer.ok
    ? 'Nothing was imported: the file has bad rows'
    : answer.dryRun
      ? `The file checks out: importing it would record ${answer.events.length} ${answer.events.length === 1 ? 'change' : 'changes'}`
      : answer.appended === 0
        ? 'Nothing to import: the contract already holds what the file says'
        : `Imported: ${answer.appended} ${answer.appended === 1 ? 'change' : 'changes'} recorded`;
  return (
    <>
      <h3 className="govuk-heading-m">{heading}</h3>
      <SummaryList
        rows={SUMMARY_WORDS.filter(([key]) => typeof answer.summary[key] === 'number' && (answer.summary[key] > 0 || key === 'rowsRead')).map(([key, words]) => [words, String(answer.summary[key])])}
      />
      {answer.errors.length > 0 ? <IssueTable issues={answer.errors} caption="Bad rows: correct them, or skip them, and send the file again" /> : null}
      {answer.skipped.length > 0 ? <IssueTable issues={answer.skipped} caption="Rows skipped" /> : null}
      {answer.events.length > 0 ? <EventTable events={answer.events} caption={answer.dryRun ? 'Changes the import would record' : 'Changes recorded'} /> : null}
    </>
  );
}

function IssueTable({ issues, caption }: { issues: ImportIssue[]; caption: string }) {
  const { shown, first, last, pagination } = useLocalPages(issues, 20, caption);
  return (
    <>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">
          {caption} ({first} to {last} of {issues.length})
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Line</th>
            <th scope="col" className="govuk-table__header">Column</th>
            <th scope="col" className="govuk-table__header">Problem</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {shown.map((issue, index) => (
            <tr className="govuk-table__row" key={`${issue.line}-${issue.column}-${index}`}>
              <td className="govuk-table__cell govuk-table__cell--numeric">{issue.line ?? ''}</td>
              <td className="govuk-table__cell">{issue.column ?? ''}</td>
              <td className="govuk-table__cell">{issue.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pagination}
    </>
  );
}

const EVENT_WORDS: Record<string, string> = {
  PlacementStarted: 'Start',
  PlacementChanged: 'Change of type',
  PlacementEnded: 'End',
  PlacementDatesCorrected: 'Dates corrected',
};

function EventTable({ events, caption }: { events: PlannedEvent[]; caption: string }) {
  const { shown, first, last, pagination } = useLocalPages(events, 20, caption);
  const dateOf = ({ type, data }: PlannedEvent) => {
    if (data.changedOn) return `from ${formatDate(data.changedOn)}`;
    if (type === 'PlacementEnded' && data.endDate) return `ended ${formatDate(data.endDate)}`;
    return [data.startDate ? formatDate(data.startDate) : '', data.endDate ? `to ${formatDate(data.endDate)}` : ''].filter(Boolean).join(' ');
  };
  return (
    <>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">
          {caption} ({first} to {last} of {events.length})
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Placement</th>
            <th scope="col" className="govuk-table__header">What</th>
            <th scope="col" className="govuk-table__header">Child</th>
            <th scope="col" className="govuk-table__header">Type</th>
            <th scope="col" className="govuk-table__header">Dates</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {shown.map((event, index) => (
            <tr className="govuk-table__row" key={`${event.data.placementId}-${index}`}>
              <th scope="row" className="govuk-table__header">
                {event.data.placementId}
              </th>
              <td className="govuk-table__cell">{EVENT_WORDS[event.type] ?? event.type}</td>
              <td className="govuk-table__cell">{event.data.childRef ?? ''}</td>
              <td className="govuk-table__cell">{event.data.placementType ?? ''}</td>
              <td className="govuk-table__cell">{dateOf(event)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pagination}
    </>
  );
}

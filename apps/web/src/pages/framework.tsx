import { useRef, useState } from 'react';
import { useApp, useSession } from '../context';
import { DataList } from '../components/data-list';
import { MoneyField, RadiosField, TextareaField, TextField } from '../components/fields';
import { Empty, Loading, Money, ProblemSummary, StatusTag, SuccessBanner, SummaryList } from '../components/govuk';
import { useAsync } from '../components/hooks';
import { useLocalPages } from '../components/local-pages';
import { usePageTitle } from '../components/page';
import { seg } from '../lib/api-client';
import { describeDefinition, draftFromEntry, EMPTY_DEFINITION, KIND_MEMBERS, LABELS, publishBodyFromDraft, type DefinitionDraft, type DefinitionKind } from '../lib/definition-draft';
import { frameworkEntries } from '../lib/terms-draft';
import { Link, navigate } from '../router';
import { CommandForm, Reveal } from './contract/command-form';

function useCatalogue() {
  const { api } = useApp();
  return useAsync(async () => frameworkEntries(await api.get<unknown>('/api/outcome-framework')), [api]);
}

/** Every outcome definition of the framework, latest versions, retired ones marked (spec section 8). */
export function Framework({ query }: { query: URLSearchParams }) {
  usePageTitle('Outcomes framework');
  const session = useSession();
  const catalogue = useCatalogue();
  const entries = catalogue.status === 'ready' ? catalogue.data : [];
  const { shown, first, last, pagination } = useLocalPages(entries);
  const published = query.get('published');
  return (
    <>
      {published ? <SuccessBanner title={`${published} has been published.`} /> : null}
      <h1 className="govuk-heading-l" tabIndex={-1}>
        Outcomes framework
      </h1>
      <p className="govuk-body">The outcomes contracts can pay for, with their rules and indicative prices. A contract sets its own price in its terms.</p>
      {session.role === 'admin' ? (
        <p className="govuk-body">
          <Link to="/framework/new" className="govuk-button">
            Publish a new definition
          </Link>
        </p>
      ) : null}
      {catalogue.status === 'loading' ? <Loading what="the outcomes framework" /> : null}
      {catalogue.status === 'error' ? <ProblemSummary error={catalogue.error} /> : null}
      {catalogue.status === 'ready' && entries.length === 0 ? <Empty>No outcome has been published yet.</Empty> : null}
      {shown.length > 0 ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">
            Definitions {first} to {last} of {entries.length}, by code
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Code</th>
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Category</th>
              <th scope="col" className="govuk-table__header">Rules</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Indicative price</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {shown.map((entry) => (
              <tr className="govuk-table__row" key={entry.code}>
                <th scope="row" className="govuk-table__header ledger-code">
                  <Link to={`/framework/${seg(entry.code)}`}>{entry.code}</Link>
                </th>
                <td className="govuk-table__cell">{entry.name}</td>
                <td className="govuk-table__cell">{entry.category}</td>
                <td className="govuk-table__cell govuk-body-s">{describeDefinition(entry.definition)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{entry.indicativePricePence === undefined ? 'none' : <Money pence={entry.indicativePricePence} />}</td>
                <td className="govuk-table__cell">
                  <StatusTag status={entry.retired ? 'retired' : 'current'} />
                  {entry.version === undefined ? null : <span className="govuk-body-s"> version {entry.version}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pagination}
    </>
  );
}

/** One code: its latest version and, for the framework administrator, a new version or its retirement. */
export function FrameworkDefinition({ code, query }: { code: string; query: URLSearchParams }) {
  usePageTitle(`Outcome ${code}`);
  const session = useSession();
  const { api } = useApp();
  const catalogue = useCatalogue();
  const [message, setMessage] = useState<string | undefined>(query.get('published') ? `${code} has been published.` : undefined);
  const entry = catalogue.status === 'ready' ? catalogue.data.find((candidate) => candidate.code === code) : undefined;
  const done = (text: string) => {
    setMessage(text);
    catalogue.reload();
  };
  return (
    <>
      {message ? <SuccessBanner title={message} /> : null}
      <span className="govuk-caption-l">
        <Link to="/framework">Outcomes framework</Link>
      </span>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        {entry ? `${entry.code}: ${entry.name}` : code}
      </h1>
      {catalogue.status === 'loading' ? <Loading what={`outcome ${code}`} /> : null}
      {catalogue.status === 'error' ? <ProblemSummary error={catalogue.error} /> : null}
      {catalogue.status === 'ready' && !entry ? <Empty>The framework has no outcome {code}.</Empty> : null}
      {entry ? (
        <>
          <SummaryList
            rows={[
              ['Status', <StatusTag key="status" status={entry.retired ? 'retired' : 'current'} />],
              ['Version', entry.version === undefined ? 'not stated' : String(entry.version)],
              ['Category', entry.category],
              ['Indicative price', entry.indicativePricePence === undefined ? 'none' : <Money key="price" pence={entry.indicativePricePence} />],
              ['Source', entry.source ?? 'not stated'],
            ]}
          />
          <h2 className="govuk-heading-m">Rules</h2>
          <DataList data={entry.definition} />
          {session.role === 'admin' ? (
            <>
              <h2 className="govuk-heading-m">Change</h2>
              <Reveal summary={`Publish a new version of ${entry.code}`}>
                <DefinitionForm
                  initial={draftFromEntry(entry)}
                  fixedCode
                  onDone={(answer) => done(answer.version === undefined ? `${entry.code} has been published.` : `${entry.code} version ${answer.version} has been published.`)}
                />
              </Reveal>
              {entry.retired ? (
                <p className="govuk-body">Retired: new terms cannot use it; contracts that already do keep it.</p>
              ) : (
                <RetireForm code={entry.code} onDone={() => done(`${entry.code} has been retired. Contracts that use it keep it.`)} send={(reason, idempotencyKey) => api.post(`/api/outcome-framework/definitions/${seg(entry.code)}/retirement`, { reason }, { idempotencyKey })} />
              )}
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function RetireForm({ code, send, onDone }: { code: string; send(reason: string, idempotencyKey: string): Promise<unknown>; onDone(): void }) {
  const [reason, setReason] = useState('');
  return (
    <Reveal summary={`Retire ${code}`}>
      <p className="govuk-body">New terms will not be able to use it. Contracts that already pay for it keep it as agreed.</p>
      <CommandForm
        submitText={`Retire ${code}`}
        warning
        validate={() => (reason.trim() === '' ? [{ field: 'reason', text: 'Enter why the outcome is retired' }] : [])}
        send={(idempotencyKey) => send(reason.trim(), idempotencyKey)}
        onDone={onDone}
      >
        {(errorOf) => <TextareaField name="reason" label="Why is it retired?" hint="For example, superseded by FP-STABLE-7" value={reason} onChange={setReason} error={errorOf('reason')} />}
      </CommandForm>
    </Reveal>
  );
}

/** Publishing a new code: the framework administrator only. */
export function PublishDefinition() {
  usePageTitle('Publish an outcome definition');
  const session = useSession();
  return (
    <>
      <span className="govuk-caption-l">
        <Link to="/framework">Outcomes framework</Link>
      </span>
      <h1 className="govuk-heading-l" tabIndex={-1}>
        Publish an outcome definition
      </h1>
      {session.role === 'admin' ? (
        <DefinitionForm initial={EMPTY_DEFINITION} onDone={(answer) => navigate(`/framework/${seg(answer.code ?? '')}?published=1`)} />
      ) : (
        <p className="govuk-body">Only a framework administrator can publish definitions.</p>
      )}
    </>
  );
}

const KINDS: { value: DefinitionKind; text: string; hint: string }[] = [
  { value: 'attainment', text: 'Attainment', hint: 'Achieved once (or a few times) per child, for example a qualification' },
  { value: 'improvement', text: 'Improvement', hint: 'A measured score gets better by at least a set amount' },
  { value: 'duration', text: 'Duration', hint: 'Paid per unit of days a child stays in a placement' },
];

const NUMERIC_MEMBERS = new Set<keyof DefinitionDraft>(['maxPerChild', 'minDaysAfterRequired', 'claimWindowDays', 'minImprovement', 'unitDays', 'maxUnitsPerChild']);

function DefinitionForm({ initial, fixedCode = false, onDone }: { initial: DefinitionDraft; fixedCode?: boolean; onDone(answer: { code?: string; version?: number }): void }) {
  const { api } = useApp();
  const [draft, setDraft] = useState(initial);
  // The answer is read by onDone right after send, before a state update would have rendered.
  const answer = useRef<{ code?: string; version?: number }>({});
  const set = (member: keyof DefinitionDraft) => (value: string) => setDraft((current) => ({ ...current, [member]: value }));
  const built = () => publishBodyFromDraft(draft);
  const members = draft.kind ? [...KIND_MEMBERS[draft.kind].required, ...KIND_MEMBERS[draft.kind].optional] : [];
  return (
    <CommandForm
      submitText={fixedCode ? `Publish the new version of ${draft.code}` : 'Publish the definition'}
      validate={() => {
        const result = built();
        return 'errors' in result ? result.errors : [];
      }}
      send={async (idempotencyKey) => {
        const result = built();
        if ('body' in result) answer.current = await api.post<{ code?: string; version?: number }>('/api/outcome-framework/definitions', result.body, { idempotencyKey });
      }}
      onDone={() => onDone({ code: draft.code, ...answer.current })}
    >
      {(errorOf) => (
        <>
          {fixedCode ? null : <TextField name="code" label={LABELS.code} hint="Letters, digits, dots, dashes or underscores, for example FP-STABLE-28" value={draft.code} onChange={set('code')} error={errorOf('code')} width={20} spellCheck={false} />}
          <TextField name="name" label={LABELS.name} value={draft.name} onChange={set('name')} error={errorOf('name')} />
          <RadiosField
            name="category"
            label={LABELS.category}
            inline
            value={draft.category}
            onChange={set('category')}
            error={errorOf('category')}
            options={[
              { value: 'hard', text: 'Hard' },
              { value: 'soft', text: 'Soft' },
            ]}
          />
          <RadiosField name="definition.kind" label={LABELS.kind} value={draft.kind} onChange={set('kind')} error={errorOf('definition.kind')} options={KINDS} />
          {members.map((member) =>
            member === 'direction' ? (
              <RadiosField
                key={member}
                name="definition.direction"
                label={LABELS.direction}
                inline
                value={draft.direction}
                onChange={set('direction')}
                error={errorOf('definition.direction')}
                options={[
                  { value: 'lower', text: 'Lower' },
                  { value: 'higher', text: 'Higher' },
                ]}
              />
            ) : (
              <TextField
                key={member}
                name={`definition.${member}`}
                label={`${LABELS[member]}${KIND_MEMBERS[draft.kind as DefinitionKind].required.includes(member) ? '' : ' (optional)'}`}
                hint={member === 'placementTypes' ? 'PLACE codes separated by spaces, for example U1 U2 U3' : undefined}
                value={String(draft[member])}
                onChange={set(member)}
                error={errorOf(`definition.${member}`)}
                width={NUMERIC_MEMBERS.has(member) ? 5 : 20}
                inputMode={NUMERIC_MEMBERS.has(member) ? 'numeric' : undefined}
                spellCheck={false}
              />
            ),
          )}
          <MoneyField name="indicativePricePence" label={`${LABELS.price} (optional)`} value={draft.price} onChange={set('price')} error={errorOf('indicativePricePence')} />
          <TextField name="source" label={`${LABELS.source} (optional)`} hint="Where the outcome and its price come from, for example a public rate card" value={draft.source} onChange={set('source')} error={errorOf('source')} />
        </>
      )}
    </CommandForm>
  );
}

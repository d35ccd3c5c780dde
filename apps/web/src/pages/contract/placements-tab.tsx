import { useState } from 'react';
import { DateField, RadiosField, TextareaField, TextField } from '../../components/fields';
import { Empty } from '../../components/govuk';
import { rangeOf, useLocalPages } from '../../components/local-pages';
import { seg } from '../../lib/api-client';
import { placementTypeOn, type PlacementView } from '../../lib/contract-view';
import { formatDate, isDate } from '../../lib/dates';
import { ID_PATTERN } from '../../lib/ids';
import { CommandForm, Reveal } from './command-form';
import { Ssda903Import } from './ssda903-import';
import type { ContractTabProps } from './context';

const PLACEMENT_TYPE_HINT = 'The SSDA903 placement code, for example U1 to U6 (foster care), K2 (children’s home), H5 (semi-independent)';
const PLACE_PATTERN = /^[A-Z][A-Z0-9]{1,3}$/;

export function PlacementsTab(props: ContractTabProps) {
  const { view, session, canAct } = props;
  const commissioner = canAct && session.role === 'commissioner' && view.status !== 'draft';
  const provider = canAct && session.role === 'provider' && view.status === 'agreed';
  const lastDay = view.termination?.terminatedOn ?? view.endDate;
  const placements = useLocalPages(view.placements, 20, 'placements');
  const measurements = useLocalPages(view.measurements, 20, 'measurements');
  return (
    <>
      <h2 className="govuk-heading-m">Placements</h2>
      {view.placements.length === 0 ? <Empty>No placements have been recorded.</Empty> : null}
      {view.placements.length > 0 ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Placements in this contract, as recorded{rangeOf(placements, view.placements.length)}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Placement</th>
              <th scope="col" className="govuk-table__header">Child</th>
              <th scope="col" className="govuk-table__header">From</th>
              <th scope="col" className="govuk-table__header">Until</th>
              <th scope="col" className="govuk-table__header">Type</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {placements.shown.map((placement) => (
              <tr className="govuk-table__row" key={placement.placementId}>
                <th scope="row" className="govuk-table__header">{placement.placementId}</th>
                <td className="govuk-table__cell">{placement.childRef}</td>
                <td className="govuk-table__cell">{formatDate(placement.startDate)}</td>
                <td className="govuk-table__cell">{placement.endDate ? `${formatDate(placement.endDate)}${placement.reasonCode ? ` (reason ${placement.reasonCode})` : ''}` : 'Open'}</td>
                <td className="govuk-table__cell">
                  {placementTypeOn(placement, placement.endDate ?? lastDay)}
                  {placement.changes.length > 0 ? (
                    <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
                      started as {placement.placementType}; {placement.changes.map((change) => `${change.placementType} from ${formatDate(change.changedOn)}`).join('; ')}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {placements.pagination}
      {commissioner && view.status === 'agreed' ? (
        <Reveal summary="Record a placement">
          <StartPlacementForm {...props} />
        </Reveal>
      ) : null}
      {commissioner ? (
        <Reveal summary="Import placements from an SSDA903 episodes file">
          <Ssda903Import {...props} />
        </Reveal>
      ) : null}
      {commissioner
        ? placements.shown.map((placement) => (
            <Reveal key={placement.placementId} summary={`Change, end or correct placement ${placement.placementId}`}>
              <PlacementActions {...props} placement={placement} />
            </Reveal>
          ))
        : null}

      <h2 className="govuk-heading-m">Measurements</h2>
      {view.measurements.length === 0 ? <Empty>No measurements have been recorded.</Empty> : null}
      {view.measurements.length > 0 ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Wellbeing measurements{rangeOf(measurements, view.measurements.length)}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Measurement</th>
              <th scope="col" className="govuk-table__header">Child</th>
              <th scope="col" className="govuk-table__header">Measure</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Score</th>
              <th scope="col" className="govuk-table__header">Measured on</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {measurements.shown.map((measurement) => (
              <tr className="govuk-table__row" key={measurement.measurementId}>
                <th scope="row" className="govuk-table__header">{measurement.measurementId}</th>
                <td className="govuk-table__cell">{measurement.childRef}</td>
                <td className="govuk-table__cell">{measurement.instrument}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{measurement.score}</td>
                <td className="govuk-table__cell">{formatDate(measurement.measuredOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {measurements.pagination}
      {(commissioner || provider) && view.status === 'agreed' ? (
        <Reveal summary="Record a measurement">
          <MeasurementForm {...props} />
        </Reveal>
      ) : null}
    </>
  );
}

function StartPlacementForm({ api, apiPath, view, done }: ContractTabProps) {
  const [placementId, setPlacementId] = useState('');
  const [childRef, setChildRef] = useState('');
  const [startDate, setStartDate] = useState('');
  const [placementType, setPlacementType] = useState('');
  const [endDate, setEndDate] = useState('');
  const [reasonCode, setReasonCode] = useState('');
  return (
    <CommandForm
      submitText="Record the placement"
      validate={() => [
        ...(ID_PATTERN.test(placementId) ? [] : [{ field: 'placementId', text: 'Enter a placement reference of letters, digits, dots, dashes or underscores' }]),
        ...(ID_PATTERN.test(childRef) ? [] : [{ field: 'childRef', text: 'Enter the child’s pseudonymous reference, never a name' }]),
        ...(isDate(startDate) ? [] : [{ field: 'startDate', text: 'Enter a real start date' }]),
        ...(PLACE_PATTERN.test(placementType) ? [] : [{ field: 'placementType', text: 'Enter an SSDA903 placement code such as U1 or K2' }]),
        ...(endDate && !isDate(endDate) ? [{ field: 'endDate', text: 'Enter a real end date, or leave it empty' }] : []),
        ...(reasonCode && !endDate ? [{ field: 'reasonCode', text: 'A reason for ending comes only with an end date' }] : []),
      ]}
      send={(idempotencyKey) =>
        api.post(
          `${apiPath}/placements`,
          { placementId, childRef, startDate, placementType, ...(endDate ? { endDate } : {}), ...(reasonCode ? { reasonCode } : {}) },
          { idempotencyKey, ifMatch: view.revision },
        )
      }
      onDone={() => done(`Placement ${placementId} has been recorded.`)}
    >
      {(errorOf) => (
        <>
          <TextField name="placementId" label="Placement reference" value={placementId} onChange={setPlacementId} error={errorOf('placementId')} width={20} spellCheck={false} />
          <TextField name="childRef" label="Child reference" hint="The authority’s pseudonymous identifier, for example CH-1001" value={childRef} onChange={setChildRef} error={errorOf('childRef')} width={20} spellCheck={false} />
          <DateField name="startDate" label="Start date" value={startDate} onChange={setStartDate} error={errorOf('startDate')} />
          <TextField name="placementType" label="Placement type" hint={PLACEMENT_TYPE_HINT} value={placementType} onChange={(value) => setPlacementType(value.toUpperCase())} error={errorOf('placementType')} width={4} spellCheck={false} />
          <DateField name="endDate" label="End date (optional)" hint="Only when recording a past placement whole" value={endDate} onChange={setEndDate} error={errorOf('endDate')} />
          <TextField name="reasonCode" label="Reason for ending (optional)" hint="The SSDA903 REC code" value={reasonCode} onChange={setReasonCode} error={errorOf('reasonCode')} width={4} spellCheck={false} />
        </>
      )}
    </CommandForm>
  );
}

function PlacementActions({ api, apiPath, view, done, placement }: ContractTabProps & { placement: PlacementView }) {
  const [action, setAction] = useState<'change' | 'end' | 'correct'>(placement.endDate ? 'correct' : 'change');
  const [date, setDate] = useState('');
  const [placementType, setPlacementType] = useState('');
  const [reasonCode, setReasonCode] = useState('');
  const [startDate, setStartDate] = useState(placement.startDate);
  const [endDate, setEndDate] = useState(placement.endDate ?? '');
  const [reason, setReason] = useState('');
  const path = `${apiPath}/placements/${seg(placement.placementId)}`;
  const name = (field: string) => `${placement.placementId}-${field}`;
  return (
    <>
      <RadiosField
        name={name('action')}
        label="What do you want to do?"
        value={action}
        onChange={(value) => setAction(value as typeof action)}
        options={[
          ...(placement.endDate ? [] : [{ value: 'change', text: 'Change the placement type' }, { value: 'end', text: 'End the placement' }]),
          { value: 'correct', text: 'Correct the dates', hint: 'For a start or end recorded wrongly' },
        ]}
      />
      {action === 'change' ? (
        <CommandForm
          submitText="Record the change"
          validate={() => [
            ...(isDate(date) ? [] : [{ field: 'changedOn', text: 'Enter a real date of change' }]),
            ...(PLACE_PATTERN.test(placementType) ? [] : [{ field: 'placementType', text: 'Enter an SSDA903 placement code such as U1 or K2' }]),
          ]}
          send={(idempotencyKey) => api.post(`${path}/changes`, { changedOn: date, placementType }, { idempotencyKey, ifMatch: view.revision })}
          onDone={() => done(`The type of placement ${placement.placementId} has been changed.`)}
        >
          {(errorOf) => (
            <>
              <DateField name="changedOn" label="Date of change" value={date} onChange={setDate} error={errorOf('changedOn')} />
              <TextField name="placementType" label="New placement type" hint={PLACEMENT_TYPE_HINT} value={placementType} onChange={(value) => setPlacementType(value.toUpperCase())} error={errorOf('placementType')} width={4} spellCheck={false} />
            </>
          )}
        </CommandForm>
      ) : null}
      {action === 'end' ? (
        <CommandForm
          submitText="End the placement"
          validate={() => [
            ...(isDate(date) ? [] : [{ field: 'endDate', text: 'Enter a real end date' }]),
            ...(reasonCode.trim() ? [] : [{ field: 'reasonCode', text: 'Enter the SSDA903 reason for ending' }]),
          ]}
          send={(idempotencyKey) => api.post(`${path}/end`, { endDate: date, reasonCode: reasonCode.trim() }, { idempotencyKey, ifMatch: view.revision })}
          onDone={() => done(`Placement ${placement.placementId} has been ended.`)}
        >
          {(errorOf) => (
            <>
              <DateField name="endDate" label="End date" hint="The day the child left: the last night counted is the night before" value={date} onChange={setDate} error={errorOf('endDate')} />
              <TextField name="reasonCode" label="Reason for ending" hint="The SSDA903 REC code, for example E13" value={reasonCode} onChange={setReasonCode} error={errorOf('reasonCode')} width={4} spellCheck={false} />
            </>
          )}
        </CommandForm>
      ) : null}
      {action === 'correct' ? (
        <CommandForm
          submitText="Correct the dates"
          validate={() => [
            ...(isDate(startDate) ? [] : [{ field: 'startDate', text: 'Enter a real start date' }]),
            ...(endDate && !isDate(endDate) ? [{ field: 'endDate', text: 'Enter a real end date, or leave it empty to reopen the placement' }] : []),
            ...(reason.trim() ? [] : [{ field: 'reason', text: 'Enter the reason for the correction' }]),
          ]}
          send={(idempotencyKey) => api.post(`${path}/correction`, { startDate, endDate: endDate || null, reason: reason.trim() }, { idempotencyKey, ifMatch: view.revision })}
          onDone={() => done(`The dates of placement ${placement.placementId} have been corrected.`)}
        >
          {(errorOf) => (
            <>
              <DateField name="startDate" label="Start date" value={startDate} onChange={setStartDate} error={errorOf('startDate')} />
              <DateField name="endDate" label="End date" hint="Leave empty if the placement is still open" value={endDate} onChange={setEndDate} error={errorOf('endDate')} />
              <TextareaField name="reason" label="Reason for the correction" value={reason} onChange={setReason} error={errorOf('reason')} />
            </>
          )}
        </CommandForm>
      ) : null}
    </>
  );
}

function MeasurementForm({ api, apiPath, view, done }: ContractTabProps) {
  const [measurementId, setMeasurementId] = useState('');
  const [childRef, setChildRef] = useState('');
  const [instrument, setInstrument] = useState('');
  const [score, setScore] = useState('');
  const [measuredOn, setMeasuredOn] = useState('');
  return (
    <CommandForm
      submitText="Record the measurement"
      validate={() => [
        ...(ID_PATTERN.test(measurementId) ? [] : [{ field: 'measurementId', text: 'Enter a measurement reference of letters, digits, dots, dashes or underscores' }]),
        ...(ID_PATTERN.test(childRef) ? [] : [{ field: 'childRef', text: 'Enter the child’s pseudonymous reference' }]),
        ...(instrument.trim() ? [] : [{ field: 'instrument', text: 'Enter the measure, for example SDQ' }]),
        ...(/^-?\d{1,9}$/.test(score.trim()) ? [] : [{ field: 'score', text: 'Enter the score as a whole number' }]),
        ...(isDate(measuredOn) ? [] : [{ field: 'measuredOn', text: 'Enter a real date of measurement' }]),
      ]}
      send={(idempotencyKey) =>
        api.post(`${apiPath}/measurements`, { measurementId, childRef, instrument: instrument.trim(), score: Number(score.trim()), measuredOn }, { idempotencyKey, ifMatch: view.revision })
      }
      onDone={() => done(`Measurement ${measurementId} has been recorded.`)}
    >
      {(errorOf) => (
        <>
          <TextField name="measurementId" label="Measurement reference" value={measurementId} onChange={setMeasurementId} error={errorOf('measurementId')} width={20} spellCheck={false} />
          <TextField name="childRef" label="Child reference" value={childRef} onChange={setChildRef} error={errorOf('childRef')} width={20} spellCheck={false} />
          <TextField name="instrument" label="Measure" hint="For example, SDQ" value={instrument} onChange={setInstrument} error={errorOf('instrument')} width={10} />
          <TextField name="score" label="Score" value={score} onChange={setScore} error={errorOf('score')} width={4} inputMode="numeric" />
          <DateField name="measuredOn" label="Measured on" value={measuredOn} onChange={setMeasuredOn} error={errorOf('measuredOn')} />
        </>
      )}
    </CommandForm>
  );
}

import { useState } from 'react';
import { ProblemSummary } from '../../components/govuk';
import type { ApiClient } from '../../lib/api-client';
import { toNdjson } from '../../lib/export';
import type { RecordedContractEvent } from '../../lib/types';

/** The stream as NDJSON, read with the caller's token (a plain link could not carry it) and saved as a file. */
export function ExportButton({ api, apiPath, contractId, asOf }: { api: ApiClient; apiPath: string; contractId: string; asOf: string | undefined }) {
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const events = await api.all<RecordedContractEvent>(`${apiPath}/events`, { cursorParam: 'from', query: { asOf } });
      const url = URL.createObjectURL(new Blob([toNdjson(events)], { type: 'application/x-ndjson' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${contractId}.ndjson`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Export</h2>
      {error ? <ProblemSummary error={error} /> : null}
      <p className="govuk-body">Every event of this contract{asOf ? ' as known at the moment shown' : ''}, with its metadata and hashes, one per line (NDJSON), for `ledger verify` or `ledger replay`.</p>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={download} disabled={busy} aria-disabled={busy}>
        Export the events <span className="govuk-visually-hidden">of contract {contractId}</span>
      </button>
    </>
  );
}

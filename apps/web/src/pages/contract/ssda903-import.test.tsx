import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COMMISSIONER, EVENTS } from '../../testing/contract-fixtures';
import { renderApp, type Request } from '../../testing/render-app';

const SUMMARY = { rowsRead: 30, rowsSelected: 30, rowsSuperseded: 0, invalidRows: 0, episodesImported: 25, episodesOutsideContract: 5, placements: 22, placementsStarted: 22, placementsEnded: 0, placementDatesCorrected: 0, placementTypeChanges: 3, placementsUnchanged: 0, placementsNotStarted: 0 };
const PLANNED = Array.from({ length: 25 }, (_, index) => ({
  type: index < 22 ? 'PlacementStarted' : 'PlacementChanged',
  data: index < 22 ? { placementId: `SSDA-C${index}-2024-05-01`, childRef: `C${index}`, startDate: '2024-05-01', placementType: 'U1' } : { placementId: `SSDA-C${index - 22}-2024-05-01`, changedOn: '2024-06-01', placementType: 'U2' },
}));

function chooseFile(form: HTMLElement, text: string) {
  const input = within(form).getByLabelText('Episodes file (CSV)') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([text], 'episodes.csv', { type: 'text/csv' })] } });
}

function openImport(): HTMLElement {
  const element = screen.getByText('Import placements from an SSDA903 episodes file').closest('details') as HTMLElement;
  fireEvent.click(within(element).getByText('Import placements from an SSDA903 episodes file'));
  return element;
}

describe('SSDA903 import from the placements tab', () => {
  it('checks the file (a dry run), shows the planned changes paged, then imports them', async () => {
    const posts: Request[] = [];
    const urls: string[] = [];
    renderApp(
      '/contracts/SWK-1/placements',
      {
        'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS, next: null } }),
        'POST /api/contracts/SWK-1/imports/ssda903': (request) => {
          posts.push(request);
          urls.push(request.url);
          const dryRun = request.url.includes('dryRun=true');
          return { body: { contractId: 'SWK-1', dryRun, ok: true, appended: dryRun ? 0 : 25, revision: dryRun ? 5 : 30, events: PLANNED, skipped: [], errors: [], summary: SUMMARY } };
        },
      },
      COMMISSIONER,
    );
    await screen.findByRole('table', { name: 'Placements in this contract, as recorded' });
    const form = openImport();
    fireEvent.click(within(form).getByRole('button', { name: 'Import the placements' }));
    expect(await within(form).findByRole('alert')).toBeTruthy();
    expect(within(form).getByRole('link', { name: 'Select the episodes CSV file' })).toBeTruthy();

    chooseFile(form, 'CHILD,DECOM\n');
    fireEvent.change(within(form).getByLabelText('Settings to import (optional)'), { target: { value: 'SC111111 SC222222' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Check the file' }));
    expect(await within(form).findByRole('heading', { name: 'The file checks out: importing it would record 25 changes' })).toBeTruthy();
    expect(urls[0]).toBe('/api/contracts/SWK-1/imports/ssda903?dryRun=true&skipInvalid=false&urn=SC111111&urn=SC222222');
    expect(posts[0].headers['Content-Type']).toBeUndefined();
    const table = within(form).getByRole('table', { name: 'Changes the import would record (1 to 20 of 25)' });
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    fireEvent.click(within(form).getByRole('button', { name: /Next/ }));
    const rest = within(form).getByRole('table', { name: 'Changes the import would record (21 to 25 of 25)' });
    expect(within(rest).getByRole('row', { name: /SSDA-C0-2024-05-01 Change of type/ }).textContent).toContain('from 1 June 2024');

    fireEvent.click(within(form).getByRole('button', { name: 'Import the placements' }));
    expect(await screen.findByText('The import recorded 25 changes to placements.')).toBeTruthy();
    expect(urls[1]).toContain('dryRun=false');
  });

  it('a file with bad rows imports nothing and lists each row’s line, column and problem', async () => {
    renderApp(
      '/contracts/SWK-1/placements',
      {
        'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS, next: null } }),
        'POST /api/contracts/SWK-1/imports/ssda903': () => ({
          status: 422,
          body: { contractId: 'SWK-1', dryRun: false, ok: false, appended: 0, revision: 5, events: [], skipped: [], errors: [{ line: 13, column: 'PLACE', code: 'UNKNOWN_CODE', message: 'PLACE "ZZ" is not an SSDA903 code' }], summary: { ...SUMMARY, invalidRows: 1 } },
          headers: { 'Content-Type': 'application/json' },
        }),
      },
      COMMISSIONER,
    );
    await screen.findByRole('table', { name: 'Placements in this contract, as recorded' });
    const form = openImport();
    chooseFile(form, 'CHILD,DECOM\n');
    fireEvent.click(within(form).getByRole('button', { name: 'Import the placements' }));
    expect(await within(form).findByRole('heading', { name: 'Nothing was imported: the file has bad rows' })).toBeTruthy();
    const bad = within(form).getByRole('table', { name: /^Bad rows/ });
    expect(within(bad).getAllByRole('row')[1].textContent).toBe('13PLACEPLACE "ZZ" is not an SSDA903 code');
    expect(within(form).getByText('Bad rows', { selector: 'dt' }).nextElementSibling?.textContent).toBe('1');
  });
});

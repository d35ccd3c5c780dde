import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, renderApp } from '../testing/render-app';

const FRAMEWORK = {
  items: [
    { code: 'CL-COURSE-START', version: 1, name: 'Begins a course', category: 'hard', definition: { kind: 'attainment' }, indicativePricePence: 22000, retired: false },
    { code: 'OLD-CODE', version: 3, name: 'Retired outcome', category: 'soft', definition: { kind: 'attainment' }, retired: true },
  ],
};

function fillDate(group: string, day: string, month: string, year: string) {
  const fieldset = screen.getByRole('group', { name: group });
  fireEvent.change(within(fieldset).getByLabelText('Day'), { target: { value: day } });
  fireEvent.change(within(fieldset).getByLabelText('Month'), { target: { value: month } });
  fireEvent.change(within(fieldset).getByLabelText('Year'), { target: { value: year } });
}

describe('draft a contract', () => {
  it('builds the terms from fees and framework outcomes and sends the draft command', async () => {
    let sent: unknown;
    const { requests } = renderApp(
      '/contracts/new',
      {
        'GET /api/outcome-framework': () => ({ body: FRAMEWORK }),
        'POST /api/contracts': (request) => {
          sent = request.body;
          return { status: 201, body: { contractId: 'SWK-9', revision: 0, globalPosition: '1' } };
        },
        'GET /api/contracts/SWK-9/events': () => ({ body: { items: [], next: null } }),
      },
      { role: 'commissioner', org: 'LA-SOUTHWARK' },
    );
    const select = await screen.findByLabelText('Outcome from the framework');
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual(['CL-COURSE-START: Begins a course (£220.00)']);
    fireEvent.change(screen.getByLabelText('Contract reference'), { target: { value: 'SWK-9' } });
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Fostering 2025' } });
    fireEvent.change(screen.getByLabelText('Provider organisation reference'), { target: { value: 'PRV-BRIGHTFUTURES' } });
    fillDate('Start date', '1', '4', '2025');
    fillDate('End date', '31', '3', '2026');
    fireEvent.click(screen.getByRole('button', { name: 'Add a fee' }));
    const fee = screen.getByRole('group', { name: 'Fee 1' });
    fireEvent.change(within(fee).getByLabelText('Code'), { target: { value: 'FOSTER-IFA' } });
    fireEvent.change(within(fee).getByLabelText('Name'), { target: { value: 'Fostering, weekly' } });
    fireEvent.change(within(fee).getByLabelText('Price'), { target: { value: '820' } });
    fireEvent.change(within(fee).getByLabelText('Placement types (optional)'), { target: { value: 'U1, U2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add this outcome' }));
    const outcome = screen.getByRole('group', { name: /Outcome 1: CL-COURSE-START/ });
    fireEvent.change(within(outcome).getByLabelText('Price'), { target: { value: '250' } });
    fireEvent.change(screen.getByLabelText('Cap per child (optional)'), { target: { value: '5000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft contract' }));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toEqual({
      contractId: 'SWK-9',
      commissionerId: 'LA-SOUTHWARK',
      providerId: 'PRV-BRIGHTFUTURES',
      title: 'Fostering 2025',
      startDate: '2025-04-01',
      endDate: '2026-03-31',
      terms: {
        fees: [{ code: 'FOSTER-IFA', name: 'Fostering, weekly', pricePence: 82000, unitDays: 7, placementTypes: ['U1', 'U2'] }],
        outcomes: [{ code: 'CL-COURSE-START', name: 'Begins a course', category: 'hard', kind: 'attainment', pricePence: 25000 }],
        caps: { perChildPence: 500000 },
      },
    });
    expect(requests.find((request) => request.method === 'POST')?.headers['Idempotency-Key']).toBeTruthy();
    expect(await screen.findByText('The contract has been drafted.')).toBeTruthy();
    expect(window.location.pathname).toBe('/contracts/SWK-9');
  });

  it('puts the API’s field errors beside the fields and in the summary', async () => {
    renderApp(
      '/contracts/new',
      {
        'GET /api/outcome-framework': () => ({ body: FRAMEWORK }),
        'POST /api/contracts': () => problem(409, 'CONTRACT_EXISTS'),
      },
      { role: 'commissioner', org: 'LA-SOUTHWARK' },
    );
    await screen.findByLabelText('Outcome from the framework');
    fireEvent.change(screen.getByLabelText('Contract reference'), { target: { value: 'SWK-1' } });
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'T' } });
    fireEvent.change(screen.getByLabelText('Provider organisation reference'), { target: { value: 'PRV-X' } });
    fillDate('Start date', '1', '4', '2025');
    fillDate('End date', '1', '4', '2025');
    fireEvent.click(screen.getByRole('button', { name: 'Save draft contract' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('A different contract already has this reference. Choose another reference.')).toBeTruthy();
  });

  it('is only for commissioners', () => {
    renderApp('/contracts/new', { 'GET /api/outcome-framework': () => ({ body: FRAMEWORK }) }, { role: 'provider', org: 'PRV-X' });
    expect(screen.getByText('Only a commissioner can draft a contract.')).toBeTruthy();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Request } from '../../testing/render-app';
import { COMMISSIONER, EVENTS } from '../../testing/contract-fixtures';
import { renderApp } from '../../testing/render-app';

function fillDate(scope: HTMLElement, group: string, day: string, month: string, year: string) {
  const fieldset = within(scope).getByRole('group', { name: group });
  fireEvent.change(within(fieldset).getByLabelText('Day'), { target: { value: day } });
  fireEvent.change(within(fieldset).getByLabelText('Month'), { target: { value: month } });
  fireEvent.change(within(fieldset).getByLabelText('Year'), { target: { value: year } });
}

function details(summary: string): HTMLElement {
  const element = screen.getByText(summary).closest('details') as HTMLElement;
  fireEvent.click(within(element).getByText(summary));
  return element;
}

const accepted = () => ({ status: 201, body: { contractId: 'SWK-1', revision: 6, globalPosition: '300' } });

describe('commands from the contract tabs', () => {
  it('records a placement: an open one sends no end date and no reason', async () => {
    const posts: Request[] = [];
    renderApp(
      '/contracts/SWK-1/placements',
      {
        'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS, next: null } }),
        'POST /api/contracts/SWK-1/placements': (request) => (posts.push(request), accepted()),
      },
      COMMISSIONER,
    );
    await screen.findByRole('table', { name: 'Placements in this contract, as recorded' });
    const form = details('Record a placement');
    fireEvent.change(within(form).getByLabelText('Placement reference'), { target: { value: 'PL-2' } });
    fireEvent.change(within(form).getByLabelText('Child reference'), { target: { value: 'CH-2' } });
    fillDate(form, 'Start date', '3', '6', '2024');
    fireEvent.change(within(form).getByLabelText('Placement type'), { target: { value: 'k2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the placement' }));
    expect(await screen.findByText('Placement PL-2 has been recorded.')).toBeTruthy();
    expect(posts[0].body).toEqual({ placementId: 'PL-2', childRef: 'CH-2', startDate: '2024-06-03', placementType: 'K2' });
    expect(posts[0].headers['If-Match']).toBe('"5"');
  });

  it('ends a placement with its reason, and reopens one by correcting its end to none', async () => {
    const posts: Request[] = [];
    renderApp(
      '/contracts/SWK-1/placements',
      {
        'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS, next: null } }),
        'POST /api/contracts/SWK-1/placements/PL-1/end': (request) => (posts.push(request), accepted()),
        'POST /api/contracts/SWK-1/placements/PL-1/correction': (request) => (posts.push(request), accepted()),
      },
      COMMISSIONER,
    );
    await screen.findByRole('table', { name: 'Placements in this contract, as recorded' });
    const actions = details('Change, end or correct placement PL-1');
    fireEvent.click(within(actions).getByLabelText('End the placement'));
    fillDate(actions, 'End date', '30', '6', '2024');
    fireEvent.change(within(actions).getByLabelText('Reason for ending'), { target: { value: 'E13' } });
    fireEvent.click(within(actions).getByRole('button', { name: 'End the placement' }));
    await screen.findByText('Placement PL-1 has been ended.');
    fireEvent.click(within(actions).getByLabelText('Correct the dates'));
    fireEvent.change(within(actions).getByLabelText('Reason for the correction'), { target: { value: 'Recorded in error' } });
    fireEvent.click(within(actions).getByRole('button', { name: 'Correct the dates' }));
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts.map((post) => post.body)).toEqual([
      { endDate: '2024-06-30', reasonCode: 'E13' },
      { startDate: '2024-04-12', endDate: null, reason: 'Recorded in error' },
    ]);
  });

  it('records a payment in pounds as integer pence, recovered money as toCommissioner', async () => {
    const posts: Request[] = [];
    renderApp(
      '/contracts/SWK-1/payments',
      {
        'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS, next: null } }),
        'POST /api/contracts/SWK-1/payments': (request) => (posts.push(request), accepted()),
      },
      COMMISSIONER,
    );
    expect(await screen.findByText('No payments have been recorded.')).toBeTruthy();
    const form = details('Record a payment');
    fireEvent.change(within(form).getByLabelText('Payment reference'), { target: { value: 'PAY-1' } });
    fireEvent.change(within(form).getByLabelText('Amount'), { target: { value: '£3,631.43' } });
    fireEvent.click(within(form).getByLabelText('Recovered from the provider'));
    fillDate(form, 'Paid on', '31', '5', '2024');
    fireEvent.change(within(form).getByLabelText('Reference'), { target: { value: 'BACS-77' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the payment' }));
    expect(await screen.findByText('Payment PAY-1 has been recorded.')).toBeTruthy();
    expect(posts[0].body).toEqual({ paymentId: 'PAY-1', amountPence: 363143, direction: 'toCommissioner', paidOn: '2024-05-31', reference: 'BACS-77' });
  });

  it('lets the provider claim an outcome of the terms for a placement, with evidence references', async () => {
    const posts: Request[] = [];
    renderApp(
      '/contracts/SWK-1/claims',
      {
        'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS, next: null } }),
        'POST /api/contracts/SWK-1/claims': (request) => (posts.push(request), accepted()),
      },
      { role: 'provider', org: 'PRV-BRIGHTFUTURES' },
    );
    await screen.findByText('Claim an outcome');
    const form = details('Claim an outcome');
    fireEvent.change(within(form).getByLabelText('Claim reference'), { target: { value: 'CL-2' } });
    fillDate(form, 'Date achieved', '1', '7', '2024');
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'certificate' } });
    fireEvent.change(within(form).getByLabelText('Reference'), { target: { value: 'DOC-9' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send the claim' }));
    expect(await screen.findByText('Claim CL-2 has been sent for verification.')).toBeTruthy();
    expect(posts[0].body).toEqual({
      claimId: 'CL-2', placementId: 'PL-1', childRef: 'CH-1', outcomeCode: 'CL-COURSE-START', achievedOn: '2024-07-01', evidence: [{ kind: 'certificate', ref: 'DOC-9' }],
    });
  });
});

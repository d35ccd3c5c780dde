import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, renderApp } from '../../testing/render-app';
import { COMMISSIONER, event, EVENTS, STATEMENT } from '../../testing/contract-fixtures';

describe('contract page', () => {
  it('shows the overview and terms from the events, with tabs as links marking the current one', async () => {
    renderApp('/contracts/SWK-1', { 'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS, next: null } }) }, COMMISSIONER);
    expect(await screen.findByRole('heading', { level: 1, name: /Fostering 2024/ })).toBeTruthy();
    const tabs = screen.getByRole('navigation', { name: 'Contract sections' });
    expect(within(tabs).getByRole('link', { name: 'Overview and terms' }).getAttribute('aria-current')).toBe('page');
    expect(within(tabs).getByRole('link', { name: 'Claims' }).getAttribute('href')).toBe('/contracts/SWK-1/claims');
    const fees = screen.getByRole('table', { name: 'Agreed terms: fees' });
    expect(within(fees).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['U1', '£820.00 a week']);
    expect(screen.getByText('Caps on outcome payments: £5,000.00 per child; no cap for the contract.')).toBeTruthy();
    expect(screen.getByText('21 March 2024')).toBeTruthy();
  });

  it('lets the commissioner verify a pending claim, sending an idempotency key and the revision shown', async () => {
    let verified = false;
    const { requests } = renderApp(
      '/contracts/SWK-1/claims',
      {
        'GET /api/contracts/SWK-1/events': () => ({
          body: { items: verified ? [...EVENTS, event(6, 'OutcomeVerified', { claimId: 'CL-1', verifiedOn: '2024-07-15', amountPence: 22000, pricePence: 22000 })] : EVENTS, next: null },
        }),
        'POST /api/contracts/SWK-1/claims/CL-1/verification': () => {
          verified = true;
          return { body: { contractId: 'SWK-1', revision: 6, globalPosition: '200' } };
        },
      },
      COMMISSIONER,
    );
    const card = (await screen.findByRole('heading', { name: /Claim CL-1: CL-COURSE-START for CH-1/ })).closest('.govuk-summary-card') as HTMLElement;
    expect(within(card).getByText('enrolment: DOC-77')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Verify claim CL-1' }));
    expect(await screen.findByText('Claim CL-1 has been verified.')).toBeTruthy();
    const post = requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({});
    expect(post?.headers['If-Match']).toBe('"5"');
    expect(post?.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(screen.getByText('No claims are waiting for a decision.')).toBeTruthy());
    expect(screen.getByText('Amount').nextElementSibling?.textContent).toBe('£220.00 of a price of £220.00');
  });

  it('shows a refusal in words beside the action, and needs a reason before rejecting', async () => {
    renderApp(
      '/contracts/SWK-1/claims',
      {
        'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS, next: null } }),
        'POST /api/contracts/SWK-1/claims/CL-1/verification': () => problem(422, 'PREREQUISITE_NOT_MET'),
      },
      COMMISSIONER,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Verify claim CL-1' }));
    expect(await screen.findByText('The outcome this one depends on has not been achieved (or verified) early enough.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reject claim CL-1' }));
    const reason = await screen.findByRole('link', { name: 'Enter the reason' });
    const target = document.getElementById(reason.getAttribute('href')?.slice(1) ?? '');
    expect(target?.tagName).toBe('TEXTAREA');
  });

  it('offers no actions to the provider on the claims queue, only to claim', async () => {
    renderApp('/contracts/SWK-1/claims', { 'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS, next: null } }) }, { role: 'provider', org: 'PRV-BRIGHTFUTURES' });
    expect(await screen.findByText('Claim an outcome')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Verify claim/ })).toBeNull();
  });

  it('reads everything as of a moment for an auditor, and offers no action there', async () => {
    const { requests } = renderApp(
      '/contracts/SWK-1/statements?asOf=2024-06-01T00:00:00Z',
      {
        'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS.slice(0, 5), next: null } }),
        'GET /api/contracts/SWK-1/statements': () => ({ body: { items: [] } }),
        'GET /api/contracts/SWK-1/statements/2024-04': () => ({ body: STATEMENT }),
      },
      { role: 'auditor', org: 'AUDIT-OFFICE' },
    );
    expect(await screen.findByText(/as the ledger knew it on 1 June 2024 at 01:00:00 UK time/)).toBeTruthy();
    const line = await screen.findByText('Fee FOSTER-IFA for placement PL-1 (child CH-1), 19 days');
    const row = line.closest('tr') as HTMLElement;
    expect(within(row).getByText('£2,225.71')).toBeTruthy();
    expect(within(row).getByText('The 2 events behind this line')).toBeTruthy();
    expect(within(row).getByText('Event 4: PlacementStarted')).toBeTruthy();
    expect(within(row).getByText('Event 0: ContractDrafted')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Close/ })).toBeNull();
    const urls = requests.map((request) => request.url);
    expect(urls).toContain('/api/contracts/SWK-1/events?asOf=2024-06-01T00%3A00%3A00Z&limit=1000');
    expect(urls).toContain('/api/contracts/SWK-1/statements/2024-04?asOf=2024-06-01T00%3A00%3A00Z&through=2024-04-30');
  });

  it('lets the commissioner close an ended month after previewing its statement', async () => {
    const { requests } = renderApp(
      '/contracts/SWK-1/statements',
      {
        'GET /api/contracts/SWK-1/events': () => ({ body: { items: EVENTS, next: null } }),
        'GET /api/contracts/SWK-1/statements': () => ({ body: { items: [] } }),
        'GET /api/contracts/SWK-1/statements/2024-04': () => ({ body: STATEMENT }),
        'POST /api/contracts/SWK-1/periods/2024-04/close': () => ({ body: { contractId: 'SWK-1', revision: 6, globalPosition: '300' } }),
      },
      COMMISSIONER,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Close April 2024' }));
    expect(await screen.findByText('April 2024 has been closed; earned £2,225.71.')).toBeTruthy();
    expect(requests.some((request) => request.method === 'POST' && request.url === '/api/contracts/SWK-1/periods/2024-04/close')).toBe(true);
  });

  it('says the contract cannot be seen when the API answers 404', async () => {
    renderApp('/contracts/OTHER', { 'GET /api/contracts/OTHER/events': () => problem(404, 'CONTRACT_NOT_FOUND') }, COMMISSIONER);
    expect(await screen.findByText('There is no contract with this reference that you can see.')).toBeTruthy();
  });
});

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, renderApp } from '../testing/render-app';

const PROVIDER = { role: 'provider', org: 'PRV-BRIGHTFUTURES' } as const;

describe('provider earnings', () => {
  it('shows the balance, the chart and its table, and the claims waiting longest first', async () => {
    renderApp(
      '/providers/PRV-BRIGHTFUTURES/earnings',
      {
        'GET /api/providers/PRV-BRIGHTFUTURES/earnings': () => ({
          body: {
            providerId: 'PRV-BRIGHTFUTURES',
            periods: [
              { period: '2024-04', earnedPence: 2836857, paidPence: 0, balancePence: 2836857 },
              { period: '2024-05', earnedPence: 100, paidPence: 2836857, balancePence: 100 },
            ],
            pendingClaims: [
              { contractId: 'SWK-1', claimId: 'CL-2', claimedOn: '2024-07-01', ageDays: 14 },
              { contractId: 'SWK-1', claimId: 'CL-1', claimedOn: '2024-06-01', ageDays: 44 },
            ],
          },
        }),
      },
      PROVIDER,
    );
    expect(await screen.findByRole('img', { name: /Earned, paid and balance each month for PRV-BRIGHTFUTURES/ })).toBeTruthy();
    expect(screen.getByText('Balance owed to you').nextElementSibling?.textContent).toBe('£1.00');
    expect(screen.getByRole('table', { name: 'Earned, paid and balance by month' })).toBeTruthy();
    const pending = screen.getByRole('table', { name: 'Claims waiting for a decision, oldest first' });
    expect(within(pending).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['CL-1', 'CL-2']);
    expect(screen.getByRole('link', { name: 'Earnings' }).getAttribute('aria-current')).toBe('page');
  });

  it('says nothing has been stated before any close', async () => {
    renderApp('/providers/PRV-BRIGHTFUTURES/earnings', { 'GET /api/providers/PRV-BRIGHTFUTURES/earnings': () => ({ body: { providerId: 'PRV-BRIGHTFUTURES', periods: [] } }) }, PROVIDER);
    expect(await screen.findByText('No month has been closed yet, so nothing has been stated as earned.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('explains a refusal in words', async () => {
    renderApp('/providers/PRV-OTHER/earnings', { 'GET /api/providers/PRV-OTHER/earnings': () => problem(403, 'FORBIDDEN') }, PROVIDER);
    expect(await screen.findByText('Your role does not allow you to do this.')).toBeTruthy();
  });
});

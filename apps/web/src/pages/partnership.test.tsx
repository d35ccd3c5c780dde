import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../testing/render-app';

const entry = (revision: number) => ({
  streamId: 'contract-SWK-1', revision, globalPosition: String(100 + revision), id: `e${revision}`, type: 'PaymentRecorded',
  data: { paymentId: `PAY-${revision}`, amountPence: 1000, direction: 'toProvider', paidOn: '2024-05-31', reference: 'R' },
  metadata: { actor: { sub: 's', role: 'commissioner', org: 'LA-SOUTHWARK' }, commandId: 'c', correlationId: 'r', recordedAt: '2024-06-01T09:00:00.000Z', schemaVersion: 1, prevHash: '0', hash: '1' },
});

describe('partnership history', () => {
  it('shows the figures in words and pages through the timeline', async () => {
    const { requests } = renderApp(
      '/partnerships/LA-SOUTHWARK/PRV-BRIGHTFUTURES',
      {
        'GET /api/partnerships/LA-SOUTHWARK/PRV-BRIGHTFUTURES/history': (request) => ({
          body: {
            commissionerId: 'LA-SOUTHWARK', providerId: 'PRV-BRIGHTFUTURES',
            figures: { contracts: 2, daysOfCare: 1234, rejectionRateBasisPoints: 1250, outcomesVerified: { hard: 3, soft: 1 }, balancePence: -500 },
            periods: [],
            items: request.url.includes('cursor=p2') ? [entry(2)] : [entry(1)],
            next: request.url.includes('cursor=p2') ? null : 'p2',
          },
        }),
      },
      { role: 'auditor', org: 'AUDIT-OFFICE' },
    );
    expect(await screen.findByText('PaymentRecorded in')).toBeTruthy();
    const figure = (name: string) => screen.getByText(name, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(figure('Days of care')).toBe('1,234');
    expect(figure('Claims rejected')).toBe('12.50% of decided claims');
    expect(figure('Hard outcomes verified')).toBe('3');
    expect(figure('Balance')).toBe('-£5.00');
    expect(screen.queryByText('Placements', { selector: 'dt' })).toBeNull();
    expect(screen.getByText('PAY-1')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('PAY-2')).toBeTruthy();
    expect(requests.map((request) => request.url)).toEqual([
      '/api/partnerships/LA-SOUTHWARK/PRV-BRIGHTFUTURES/history?limit=50',
      '/api/partnerships/LA-SOUTHWARK/PRV-BRIGHTFUTURES/history?limit=50&cursor=p2',
    ]);
  });
});

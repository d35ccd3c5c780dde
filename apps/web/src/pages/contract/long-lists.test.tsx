import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COMMISSIONER, EVENTS, event } from '../../testing/contract-fixtures';
import { renderApp } from '../../testing/render-app';

/** A contract as an SSDA903 import leaves it: 45 placements and 12 claims waiting. */
const MANY = [
  ...EVENTS.slice(0, 4),
  ...Array.from({ length: 45 }, (_, index) => event(4 + index, 'PlacementStarted', { placementId: `PL-${String(index + 1).padStart(2, '0')}`, childRef: `CH-${index + 1}`, startDate: '2024-04-12', placementType: 'U1' })),
  ...Array.from({ length: 12 }, (_, index) =>
    event(49 + index, 'OutcomeClaimed', { claimId: `CL-${String(index + 1).padStart(2, '0')}`, placementId: `PL-${String(index + 1).padStart(2, '0')}`, childRef: `CH-${index + 1}`, outcomeCode: 'CL-COURSE-START', achievedOn: '2024-06-03', claimedOn: '2024-06-10', evidence: [{ kind: 'enrolment', ref: `DOC-${index}` }] }),
  ),
];
const ROUTES = { 'GET /api/contracts/SWK-1/events': () => ({ body: { items: MANY, next: null } }) };

describe('long lists of a contract are paged', () => {
  it('placements 20 to a page, with the actions of the placements shown only', async () => {
    renderApp('/contracts/SWK-1/placements', ROUTES, COMMISSIONER);
    const table = await screen.findByRole('table', { name: 'Placements in this contract, as recorded (1 to 20 of 45)' });
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    expect(screen.getAllByText(/^Change, end or correct placement/)).toHaveLength(20);
    const pages = screen.getByRole('navigation', { name: 'Pages of placements, showing page 1' });
    fireEvent.click(within(pages).getByRole('button', { name: /Next/ }));
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Pages of placements, showing page 2' })).getByRole('button', { name: /Next/ }));
    const last = screen.getByRole('table', { name: 'Placements in this contract, as recorded (41 to 45 of 45)' });
    expect(within(last).getByRole('rowheader', { name: 'PL-45' })).toBeTruthy();
    expect(screen.getByText('Change, end or correct placement PL-45')).toBeTruthy();
  });

  it('claims waiting 10 to a page', async () => {
    renderApp('/contracts/SWK-1/claims', ROUTES, COMMISSIONER);
    expect(await screen.findByRole('heading', { name: 'Claims waiting for a decision (1 to 10 of 12)' })).toBeTruthy();
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Pages of claims waiting, showing page 1' })).getByRole('button', { name: /Next/ }));
    expect(screen.getByRole('heading', { name: 'Claims waiting for a decision (11 to 12 of 12)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /^Claim CL-12/ })).toBeTruthy();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, renderApp } from '../testing/render-app';

const contract = (n: number) => ({
  contractId: `SWK-${n}`, title: `Contract ${n}`, commissionerId: 'LA-SOUTHWARK', providerId: 'PRV-BRIGHTFUTURES', status: 'agreed', startDate: '2024-04-01', endDate: '2025-03-31',
});

describe('contracts list', () => {
  it('shows a loading state, then the contracts in a captioned table with their dates in words', async () => {
    renderApp('/contracts', { 'GET /api/contracts': () => ({ body: { items: [contract(1)], next: null } }) }, { role: 'commissioner', org: 'LA-SOUTHWARK' });
    expect(screen.getByRole('status').textContent).toBe('Loading contracts…');
    const table = await screen.findByRole('table', { name: 'Your contracts' });
    const link = within(table).getByRole('link', { name: 'Contract 1' });
    expect(link.getAttribute('href')).toBe('/contracts/SWK-1');
    expect(within(table).getByText('1 April 2024 to 31 March 2025')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Draft a contract' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: /Pages/ })).toBeNull();
  });

  it('says so when there are no contracts', async () => {
    renderApp('/contracts', { 'GET /api/contracts': () => ({ body: { items: [], next: null } }) }, { role: 'provider', org: 'PRV-BRIGHTFUTURES' });
    expect(await screen.findByText('There are no contracts for your organisation yet.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Draft a contract' })).toBeNull();
  });

  it('shows a failure in words in a focused error summary, with the reference to quote', async () => {
    renderApp('/contracts', { 'GET /api/contracts': () => ({ ...problem(429, 'RATE_LIMITED'), headers: { 'X-Correlation-Id': 'corr-7' } }) }, { role: 'auditor', org: 'AUDIT-OFFICE' });
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Too many requests have been sent. Wait a minute and try again.')).toBeTruthy();
    expect(within(summary).getByText('If you contact support, quote reference corr-7.')).toBeTruthy();
    expect(document.activeElement).toBe(summary);
  });

  it('pages forward and back with native buttons, carrying the cursor', async () => {
    const { requests } = renderApp(
      '/contracts',
      { 'GET /api/contracts': (request) => (request.url.includes('cursor=c2') ? { body: { items: [contract(2)], next: null } } : { body: { items: [contract(1)], next: 'c2' } }) },
      { role: 'commissioner', org: 'LA-SOUTHWARK' },
    );
    const next = await screen.findByRole('button', { name: 'Next page' });
    expect(screen.queryByRole('button', { name: 'Previous page' })).toBeNull();
    next.focus();
    expect(document.activeElement).toBe(next);
    fireEvent.click(next);
    expect(await screen.findByRole('table', { name: 'Your contracts, page 2' })).toBeTruthy();
    expect(requests.map((request) => request.url)).toEqual(['/api/contracts?limit=25', '/api/contracts?limit=25&cursor=c2']);
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(screen.getByRole('table', { name: 'Your contracts' })).toBeTruthy());
  });
});

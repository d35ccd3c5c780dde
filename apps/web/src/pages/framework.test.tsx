import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, renderApp } from '../testing/render-app';

const ENTRIES = Array.from({ length: 23 }, (_, index) => ({
  code: `OUT-${String(index + 1).padStart(2, '0')}`,
  version: 1,
  name: `Outcome ${index + 1}`,
  category: index % 2 ? 'soft' : 'hard',
  definition: index === 0 ? { kind: 'duration', unitDays: 28, placementTypes: ['U1', 'U2'] } : { kind: 'attainment' },
  indicativePricePence: 25_000,
  retired: index === 1,
}));
const CATALOGUE = { 'GET /api/outcome-framework': () => ({ body: { items: ENTRIES } }) };

describe('the outcomes framework pages', () => {
  it('lists the definitions 20 to a page with their rules, prices and status, and offers no change to a commissioner', async () => {
    renderApp('/framework', CATALOGUE, { role: 'commissioner', org: 'LA-SOUTHWARK' });
    const table = await screen.findByRole('table', { name: 'Definitions 1 to 20 of 23, by code' });
    const first = within(table).getByRole('row', { name: /OUT-01/ });
    expect(first.textContent).toContain('duration; unitDays 28; placementTypes U1, U2');
    expect(first.textContent).toContain('£250.00');
    expect(within(table).getByRole('row', { name: /OUT-02/ }).textContent).toContain('Retired');
    expect(screen.queryByRole('link', { name: 'Publish a new definition' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(await screen.findByRole('table', { name: 'Definitions 21 to 23 of 23, by code' })).toBeTruthy();
  });

  it('an admin publishes a new definition: checked first, then sent as the API’s body', async () => {
    const { requests } = renderApp(
      '/framework/new',
      { ...CATALOGUE, 'POST /api/outcome-framework/definitions': () => ({ status: 201, body: { code: 'FP-STABLE-14', version: 1 } }) },
      { role: 'admin', org: 'FRAMEWORK-ADMIN' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Publish the definition' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Enter a code of letters, digits, dots, dashes or underscores, for example FP-STABLE-28',
      'Enter the outcome’s name',
      'Select whether the outcome is hard or soft',
      'Select how the outcome is achieved',
    ]);
    fireEvent.change(screen.getByLabelText('Code'), { target: { value: 'FP-STABLE-14' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Stable placement, per 14 days' } });
    fireEvent.click(screen.getByLabelText('Soft'));
    fireEvent.click(screen.getByLabelText('Duration'));
    fireEvent.change(screen.getByLabelText('Days in one unit'), { target: { value: '14' } });
    fireEvent.change(screen.getByLabelText('Placement types that count (optional)'), { target: { value: 'U1, U2 U3' } });
    fireEvent.change(screen.getByLabelText('Indicative price (optional)'), { target: { value: '125.50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish the definition' }));
    expect(await screen.findByText('FP-STABLE-14 has been published.')).toBeTruthy();
    const sent = requests.find((request) => request.method === 'POST');
    expect(sent?.body).toEqual({
      code: 'FP-STABLE-14',
      name: 'Stable placement, per 14 days',
      category: 'soft',
      definition: { kind: 'duration', unitDays: 14, placementTypes: ['U1', 'U2', 'U3'] },
      indicativePricePence: 12_550,
    });
    expect(sent?.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an admin retires a code with a reason; a refusal is shown in words', async () => {
    let attempts = 0;
    const { requests } = renderApp(
      '/framework/OUT-01',
      {
        ...CATALOGUE,
        'POST /api/outcome-framework/definitions/OUT-01/retirement': () => (++attempts === 1 ? problem(403, 'FORBIDDEN') : { body: { code: 'OUT-01', version: 1 } }),
      },
      { role: 'admin', org: 'FRAMEWORK-ADMIN' },
    );
    fireEvent.click(await screen.findByText('Retire OUT-01', { selector: 'span' }));
    fireEvent.change(screen.getByLabelText('Why is it retired?'), { target: { value: 'superseded by OUT-02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Retire OUT-01' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retire OUT-01' }));
    expect(await screen.findByText('OUT-01 has been retired. Contracts that use it keep it.')).toBeTruthy();
    expect(requests.filter((request) => request.method === 'POST').map((request) => request.body)).toEqual([{ reason: 'superseded by OUT-02' }, { reason: 'superseded by OUT-02' }]);
  });

  it('a code the framework does not have says so', async () => {
    renderApp('/framework/NOPE', CATALOGUE, { role: 'auditor', org: 'AUDIT-OFFICE' });
    expect(await screen.findByText('The framework has no outcome NOPE.')).toBeTruthy();
  });
});

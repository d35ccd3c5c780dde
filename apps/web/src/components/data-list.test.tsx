import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DataList } from './data-list';

describe('DataList', () => {
  it('writes event data in words: money from pence, dates as dates, lists of objects one per line', () => {
    render(
      <DataList
        data={{
          paymentId: 'PAY-1',
          amountPence: 363143,
          paidOn: '2024-05-31',
          endDate: null,
          terms: { fees: [{ code: 'FOSTER-IFA', pricePence: 82000, placementTypes: ['U1', 'U2'] }], caps: { perChildPence: 500000 } },
        }}
      />,
    );
    const value = (key: string) => screen.getAllByText(key, { selector: 'dt' })[0].nextElementSibling?.textContent;
    expect(value('amountPence')).toBe('£3,631.43');
    expect(value('paidOn')).toBe('31 May 2024');
    expect(value('endDate')).toBe('none');
    expect(value('fees')).toBe('code FOSTER-IFA, pricePence £820.00, placementTypes U1 U2');
    expect(value('perChildPence')).toBe('£5,000.00');
  });

  it('says none for an empty list, as a verify report with no discrepancies has', () => {
    render(<DataList data={{ ok: true, discrepancies: [], notes: [] }} />);
    expect(screen.getByText('discrepancies', { selector: 'dt' }).nextElementSibling?.textContent).toBe('none');
    expect(screen.getByText('notes', { selector: 'dt' }).nextElementSibling?.textContent).toBe('none');
  });
});

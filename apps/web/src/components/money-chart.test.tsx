import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MoneyChart, MoneyTable } from './money-chart';

const PERIODS = [
  { period: '2024-04', earnedPence: 2836857, paidPence: 0, balancePence: 2836857 },
  { period: '2024-05', earnedPence: 1670286, paidPence: 2836857, balancePence: 1670286 },
  { period: '2024-06', earnedPence: 0, paidPence: 2000000, balancePence: -329714 },
];

describe('the money chart and its table', () => {
  it('is one image with a name and a description pointing to the table; its drawing is hidden from screen readers', () => {
    render(<MoneyChart periods={PERIODS} caption="Earned, paid and balance each month" />);
    const image = screen.getByRole('img', { name: /Earned, paid and balance each month/ });
    expect(image.getAttribute('aria-labelledby')?.split(' ')).toHaveLength(2);
    expect(within(image).getByText(/from April 2024 to June 2024. The table after the chart gives every figure./)).toBeTruthy();
    expect(image.querySelectorAll('rect')).toHaveLength(6);
    expect(Array.from(image.querySelectorAll('g')).every((group) => group.getAttribute('aria-hidden') === 'true')).toBe(true);
    const balance = image.querySelector('path');
    expect(balance?.getAttribute('d')?.match(/[ML]/g)).toHaveLength(3);
  });

  it('draws the zero line where a negative balance can be seen below it', () => {
    render(<MoneyChart periods={PERIODS} caption="Money" />);
    const image = screen.getByRole('img', { name: /Money/ });
    const zero = image.querySelector('.ledger-chart__zero');
    const lowest = image.querySelectorAll('circle')[2];
    expect(Number(lowest.getAttribute('cy'))).toBeGreaterThan(Number(zero?.getAttribute('y1')));
  });

  it('gives the same figures as a captioned table, exact to the penny', () => {
    render(<MoneyTable periods={PERIODS} caption="By month" />);
    const table = screen.getByRole('table', { name: 'By month' });
    const rows = within(table).getAllByRole('row').map((row) => Array.from(row.children).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Month', 'Earned', 'Paid', 'Balance'],
      ['April 2024', '£28,368.57', '£0.00', '£28,368.57'],
      ['May 2024', '£16,702.86', '£28,368.57', '£16,702.86'],
      ['June 2024', '£0.00', '£20,000.00', '-£3,297.14'],
    ]);
  });
});

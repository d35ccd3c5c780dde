import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { isDate } from '../lib/dates';
import { DateField, FieldScope, joinDate } from './fields';

function Harness({ initial = '', seen }: { initial?: string; seen: string[] }) {
  const [value, setValue] = useState(initial);
  return (
    <FieldScope.Provider value="form1">
      <DateField
        name="startDate"
        label="Start date"
        value={value}
        error={value && !isDate(value) ? 'Enter a real start date' : undefined}
        onChange={(next) => {
          seen.push(next);
          setValue(next);
        }}
      />
    </FieldScope.Provider>
  );
}

describe('DateField', () => {
  it('is a labelled group of day, month and year boxes whose value is YYYY-MM-DD', () => {
    const seen: string[] = [];
    render(<Harness seen={seen} />);
    const group = screen.getByRole('group', { name: 'Start date' });
    fireEvent.change(within(group).getByLabelText('Day'), { target: { value: '1' } });
    fireEvent.change(within(group).getByLabelText('Month'), { target: { value: '4' } });
    fireEvent.change(within(group).getByLabelText('Year'), { target: { value: '2024' } });
    expect(seen[seen.length - 1]).toBe('2024-04-01');
    expect(within(group).getByLabelText('Day').id).toBe('form1-field-startDate');
  });

  it('shows a stored date in the boxes, and an impossible one as an error tied to the group', () => {
    const seen: string[] = [];
    render(<Harness initial="2024-02-29" seen={seen} />);
    expect((screen.getByLabelText('Day') as HTMLInputElement).value).toBe('29');
    fireEvent.change(screen.getByLabelText('Year'), { target: { value: '2023' } });
    expect(seen).toEqual(['2023-02-29']);
    const group = screen.getByRole('group', { name: 'Start date' });
    expect(group.getAttribute('aria-describedby')).toBe('form1-field-startDate-hint form1-field-startDate-error');
    expect(within(group).getByText('Enter a real start date')).toBeTruthy();
  });

  it.each([
    [{ day: '', month: '', year: '' }, ''],
    [{ day: '9', month: '12', year: '2024' }, '2024-12-09'],
    [{ day: 'x', month: '1', year: '2024' }, '2024-01-x'],
    [{ day: '1', month: '1', year: '24' }, '24-01-01'],
  ])('joins %j as %j', (parts, joined) => {
    expect(joinDate(parts)).toBe(joined);
    if (joined.length !== 10) expect(isDate(joined)).toBe(false);
  });
});

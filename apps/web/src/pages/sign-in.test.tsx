import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, renderApp, tokenFor } from '../testing/render-app';

describe('development sign-in', () => {
  it('shows what is missing in a focused error summary whose links lead to the fields', async () => {
    renderApp('/contracts', {});
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    const summary = await screen.findByRole('alert');
    expect(document.activeElement).toBe(summary);
    const links = within(summary).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Select your role', '#field-role'],
      ['Enter your organisation reference, for example LA-SOUTHWARK', '#field-org'],
    ]);
    expect(document.getElementById('field-role')?.getAttribute('type')).toBe('radio');
    expect(screen.getByLabelText('Organisation reference').getAttribute('aria-describedby')).toBe('field-org-hint field-org-error');
  });

  it('asks the API for a development token and opens the page that was asked for', async () => {
    const token = tokenFor('provider', 'PRV-BRIGHTFUTURES', 'sam');
    const { requests } = renderApp('/contracts', {
      'POST /api/dev/token': () => ({ body: { token } }),
      'GET /api/contracts': () => ({ body: { items: [], next: null } }),
    });
    fireEvent.click(await screen.findByLabelText('Provider'));
    fireEvent.change(screen.getByLabelText('Organisation reference'), { target: { value: 'PRV-BRIGHTFUTURES' } });
    fireEvent.change(screen.getByLabelText('Your user name (optional)'), { target: { value: 'sam' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('There are no contracts for your organisation yet.')).toBeTruthy();
    expect(requests[0]).toMatchObject({ method: 'GET', url: '/api/auth/config' });
    expect(requests[1]).toMatchObject({ method: 'POST', url: '/api/dev/token', body: { role: 'provider', org: 'PRV-BRIGHTFUTURES', sub: 'sam' } });
    expect(requests[2].headers['Authorization']).toBe(`Bearer ${token}`);
    expect(screen.getByText('Signed in as sam, provider at PRV-BRIGHTFUTURES')).toBeTruthy();
    expect(window.sessionStorage.getItem('ledger.session')).toBe(token);
  });

  it('says to use the identity provider when the server issues no development tokens', async () => {
    renderApp('/', { 'POST /api/dev/token': () => problem(404, 'NOT_FOUND') });
    fireEvent.click(await screen.findByLabelText('Auditor'));
    fireEvent.change(screen.getByLabelText('Organisation reference'), { target: { value: 'AUDIT-OFFICE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('Development sign-in is not available')).toBeTruthy();
  });

  it('sends the person back to sign in when the API says the token is no longer valid', async () => {
    renderApp('/contracts', { 'GET /api/contracts': () => problem(401, 'UNAUTHENTICATED') }, { role: 'commissioner', org: 'LA-SOUTHWARK' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(window.sessionStorage.getItem('ledger.session')).toBeNull();
  });
});

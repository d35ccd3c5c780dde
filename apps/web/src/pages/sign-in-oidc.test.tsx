import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, renderApp, tokenFor } from '../testing/render-app';

const ISSUER = 'https://idp.example';
const CONFIG = { developmentTokens: false, oidc: { issuer: ISSUER, clientId: 'ledger-web', scopes: ['openid'], bearer: 'access_token' } };
const DISCOVERY = { issuer: ISSUER, authorization_endpoint: `${ISSUER}/authorize`, token_endpoint: `${ISSUER}/token` };

function idToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'RS256' })}.${encode(claims)}.c2ln`;
}

/** Signs in up to the provider's page; answers the authorisation URL the page sent the browser to. */
async function startAt(path: string): Promise<URL> {
  let sentTo: string | undefined;
  renderApp(path, { 'GET /api/auth/config': () => ({ body: CONFIG }), [`GET ${ISSUER}/.well-known/openid-configuration`]: () => ({ body: DISCOVERY }) }, undefined, {
    redirect: (url) => (sentTo = url),
  });
  expect(screen.queryByLabelText('Organisation reference')).toBeNull();
  fireEvent.click(await screen.findByRole('button', { name: 'Sign in with your organisation’s account' }));
  await waitFor(() => expect(sentTo).toBeDefined());
  cleanup();
  return new URL(sentTo as string);
}

describe('sign-in through the identity provider (ADR 0009)', () => {
  it('goes to the provider, comes back with a code, has the API check the token and opens the page asked for', async () => {
    const authorize = await startAt('/contracts');
    expect(authorize.origin + authorize.pathname).toBe(`${ISSUER}/authorize`);
    const access = tokenFor('auditor', 'NAO', 'idp-user-1');
    const { requests } = renderApp(
      `/sign-in/callback?code=c1&state=${authorize.searchParams.get('state')}`,
      {
        [`POST ${ISSUER}/token`]: () => ({ body: { access_token: access, id_token: idToken({ iss: ISSUER, aud: 'ledger-web', nonce: authorize.searchParams.get('nonce') }) } }),
        'GET /api/auth/me': () => ({ body: { sub: 'idp-user-1', role: 'auditor', org: 'NAO' } }),
        'GET /api/contracts': () => ({ body: { items: [], next: null } }),
      },
      undefined,
      { keepStorage: true },
    );
    expect(await screen.findByText('Signed in as idp-user-1, auditor at NAO')).toBeTruthy();
    expect(window.location.pathname).toBe('/contracts');
    const exchange = requests.find((request) => request.url === `${ISSUER}/token`);
    expect(exchange?.body).toMatchObject({ grant_type: 'authorization_code', code: 'c1', client_id: 'ledger-web', redirect_uri: `${window.location.origin}/sign-in/callback` });
    expect(requests.find((request) => request.url === '/api/auth/me')?.headers['Authorization']).toBe(`Bearer ${access}`);
  });

  it('a forged state is refused in words and nothing is kept', async () => {
    await startAt('/');
    const { requests } = renderApp('/sign-in/callback?code=c1&state=forged', {}, undefined, { keepStorage: true });
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(/does not belong to the sign-in started here/)).toBeTruthy();
    expect(requests).toHaveLength(0);
    expect(window.sessionStorage.getItem('ledger.session')).toBeNull();
    expect(screen.getByRole('link', { name: 'Start signing in again' }).getAttribute('href')).toBe('/sign-in');
  });

  it('a token the API does not accept is not kept, and the page says why', async () => {
    const authorize = await startAt('/');
    renderApp(
      `/sign-in/callback?code=c1&state=${authorize.searchParams.get('state')}`,
      {
        [`POST ${ISSUER}/token`]: () => ({ body: { access_token: tokenFor('auditor', 'NAO'), id_token: idToken({ iss: ISSUER, aud: 'ledger-web', nonce: authorize.searchParams.get('nonce') }) } }),
        'GET /api/auth/me': () => problem(401, 'UNAUTHENTICATED', { detail: 'bad token signature' }),
      },
      undefined,
      { keepStorage: true },
    );
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText(/did not accept the identity provider’s token \(bad token signature\)/)).toBeTruthy();
    expect(window.sessionStorage.getItem('ledger.session')).toBeNull();
  });
});

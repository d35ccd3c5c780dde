import { webcrypto } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { finishSignIn, pkceChallenge, safeReturnPath, startSignIn, type OidcEnvironment, type OidcSettings } from './oidc';

const NOW = Date.parse('2024-07-15T09:00:00Z');
const ISSUER = 'https://idp.example/realms/ledger';
const SETTINGS: OidcSettings = { issuer: ISSUER, clientId: 'ledger-web', scopes: ['openid', 'profile'], bearer: 'access_token' };

function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', kid: 'k1' })}.${encode(claims)}.c2lnbmF0dXJl`;
}

/** The provider's side, in memory: discovery, and a token endpoint that checks the PKCE verifier of the code. */
function fakeProvider(overrides: { discovery?: Record<string, unknown>; idToken?: (nonce: string) => Record<string, unknown> } = {}) {
  const issued = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();
  const tokenRequests: URLSearchParams[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (url === `${ISSUER}/.well-known/openid-configuration`) {
      return Response.json({ issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token`, code_challenge_methods_supported: ['S256'], ...overrides.discovery });
    }
    if (url === `${ISSUER}/token` && init?.method === 'POST') {
      const form = new URLSearchParams(String(init.body));
      tokenRequests.push(form);
      const grant = issued.get(form.get('code') ?? '');
      if (!grant || grant.redirectUri !== form.get('redirect_uri') || (await pkceChallenge(form.get('code_verifier') ?? '', webcrypto as Crypto)) !== grant.challenge) {
        return Response.json({ error: 'invalid_grant', error_description: 'the code or its verifier is wrong' }, { status: 400 });
      }
      const claims = overrides.idToken?.(grant.nonce) ?? { iss: ISSUER, aud: 'ledger-web', nonce: grant.nonce, sub: 'u1' };
      return Response.json({ access_token: jwt({ sub: 'u1', role: 'auditor', org: 'NAO' }), id_token: jwt(claims), token_type: 'Bearer' });
    }
    return new Response('not found', { status: 404 });
  };
  /** What the provider's authorisation page does: a code bound to the challenge, back to the redirect URI. */
  const authorize = (authorizeUrl: string, code = 'code-1') => {
    const query = new URL(authorizeUrl).searchParams;
    issued.set(code, { challenge: query.get('code_challenge') ?? '', nonce: query.get('nonce') ?? '', redirectUri: query.get('redirect_uri') ?? '' });
    return new URLSearchParams({ code, state: query.get('state') ?? '' });
  };
  return { fetch: fetchFn as typeof fetch, authorize, tokenRequests };
}

describe('OIDC sign-in with PKCE (ADR 0009)', () => {
  let storage: Storage;
  const env = (fetchFn: typeof fetch, now = NOW): OidcEnvironment => ({ fetch: fetchFn, storage, crypto: webcrypto as Crypto, origin: 'https://ledger.example', now: () => now });

  beforeEach(() => {
    window.sessionStorage.clear();
    storage = window.sessionStorage;
  });

  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    await expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', webcrypto as Crypto)).resolves.toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('sends the person to the provider with a challenge, and exchanges the code with its verifier for the access token', async () => {
    const provider = fakeProvider();
    const authorizeUrl = await startSignIn(SETTINGS, '/contracts/SWK-1/claims', env(provider.fetch));
    const sent = new URL(authorizeUrl);
    expect(`${sent.origin}${sent.pathname}`).toBe(`${ISSUER}/auth`);
    expect(Object.fromEntries(sent.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'ledger-web',
      redirect_uri: 'https://ledger.example/sign-in/callback',
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    expect(sent.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(Object.fromEntries(sent.searchParams))).not.toContain(JSON.parse(storage.getItem('ledger.oidc.pending') ?? '{}').verifier);

    const { token, returnTo } = await finishSignIn(provider.authorize(authorizeUrl), env(provider.fetch));
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toEqual({ sub: 'u1', role: 'auditor', org: 'NAO' });
    expect(returnTo).toBe('/contracts/SWK-1/claims');
    expect(provider.tokenRequests[0].get('grant_type')).toBe('authorization_code');
    expect(storage.getItem('ledger.oidc.pending')).toBeNull();
  });

  it('a state that is not the one sent is refused before any token is asked for', async () => {
    const provider = fakeProvider();
    const answer = provider.authorize(await startSignIn(SETTINGS, '/', env(provider.fetch)));
    answer.set('state', 'forged-state');
    await expect(finishSignIn(answer, env(provider.fetch))).rejects.toThrow('does not belong to the sign-in started here');
    expect(provider.tokenRequests).toHaveLength(0);
  });

  it('the pending sign-in is used once: replaying the same answer is refused', async () => {
    const provider = fakeProvider();
    const answer = provider.authorize(await startSignIn(SETTINGS, '/', env(provider.fetch)));
    await finishSignIn(answer, env(provider.fetch));
    await expect(finishSignIn(answer, env(provider.fetch))).rejects.toThrow('No sign-in was waiting');
  });

  it('a sign-in left for more than 15 minutes is not finished', async () => {
    const provider = fakeProvider();
    const answer = provider.authorize(await startSignIn(SETTINGS, '/', env(provider.fetch)));
    await expect(finishSignIn(answer, env(provider.fetch, NOW + 16 * 60 * 1000))).rejects.toThrow('No sign-in was waiting');
  });

  it.each([
    ['another nonce', (nonce: string) => ({ iss: ISSUER, aud: 'ledger-web', nonce: `${nonce}x` })],
    ['another issuer', (nonce: string) => ({ iss: 'https://evil.example', aud: 'ledger-web', nonce })],
    ['another client', (nonce: string) => ({ iss: ISSUER, aud: ['other-app'], nonce })],
  ])('an ID token naming %s is refused', async (_name, idToken) => {
    const provider = fakeProvider({ idToken });
    const answer = provider.authorize(await startSignIn(SETTINGS, '/', env(provider.fetch)));
    await expect(finishSignIn(answer, env(provider.fetch))).rejects.toThrow('is not for this sign-in');
  });

  it('a code exchanged with another verifier is refused by the provider, and the page says so', async () => {
    const provider = fakeProvider();
    const answer = provider.authorize(await startSignIn(SETTINGS, '/', env(provider.fetch)));
    const pending = JSON.parse(storage.getItem('ledger.oidc.pending') ?? '{}');
    storage.setItem('ledger.oidc.pending', JSON.stringify({ ...pending, verifier: 'stolen-code-used-elsewhere-aaaaaaaaaaaaaaaaaa' }));
    await expect(finishSignIn(answer, env(provider.fetch))).rejects.toThrow('refused to complete the sign-in (the code or its verifier is wrong)');
  });

  it('the provider saying no is shown in its words', async () => {
    const provider = fakeProvider();
    await startSignIn(SETTINGS, '/', env(provider.fetch));
    await expect(finishSignIn(new URLSearchParams({ error: 'access_denied', error_description: 'The user cancelled' }), env(provider.fetch))).rejects.toThrow(
      'The identity provider did not sign you in: The user cancelled.',
    );
  });

  it('a discovery document naming another issuer, or without PKCE, is not used', async () => {
    await expect(startSignIn(SETTINGS, '/', env(fakeProvider({ discovery: { issuer: 'https://evil.example' } }).fetch))).rejects.toThrow('another issuer');
    await expect(startSignIn(SETTINGS, '/', env(fakeProvider({ discovery: { code_challenge_methods_supported: ['plain'] } }).fetch))).rejects.toThrow('PKCE');
    expect(storage.getItem('ledger.oidc.pending')).toBeNull();
  });

  it.each([
    ['/contracts?asOf=2024-01-01', '/contracts?asOf=2024-01-01'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/sign-in/callback?code=x', '/'],
  ])('comes back to %s as %s', (path, expected) => {
    expect(safeReturnPath(path)).toBe(expected);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign } from 'node:crypto';
import { bearerToken, type TestApi } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

function rs256(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${encode({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })}`;
  return `${input}.${sign('sha256', Buffer.from(input), rsa.privateKey).toString('base64url')}`;
}

/** ADR 0009: the sign-in page learns how to sign in from the API, then checks the identity provider's token with it. */
describe('GET /api/auth/config and /api/auth/me', () => {
  let keySet: Server;
  let production: TestApi;
  let development: TestApi;

  beforeAll(async () => {
    const keys = [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }];
    keySet = createServer((_request, response) => response.setHeader('Content-Type', 'application/json').end(JSON.stringify({ keys })));
    await new Promise<void>((resolve) => keySet.listen(0, '127.0.0.1', resolve));
    const jwks = `http://127.0.0.1:${(keySet.address() as AddressInfo).port}/jwks`;
    production = await startTestApi({
      env: { NODE_ENV: 'production', LEDGER_CLOCK_HEADER: 'false', AUTH_JWKS_URL: jwks, OIDC_ISSUER: 'https://idp.example/', OIDC_CLIENT_ID: 'ledger-web', OIDC_SCOPES: 'openid ledger' },
    });
    development = await startTestApi();
  });

  afterAll(async () => {
    await production?.close();
    await development?.close();
    await new Promise((resolve) => keySet.close(resolve));
  });

  it('in production: no development tokens, the identity provider named, without a token', async () => {
    const response = await production.send('GET', '/api/auth/config').expect(200);
    expect(response.body).toEqual({ developmentTokens: false, oidc: { issuer: 'https://idp.example/', clientId: 'ledger-web', scopes: ['openid', 'ledger'], bearer: 'access_token' } });
  });

  it('outside production without an identity provider: development tokens only', async () => {
    expect((await development.send('GET', '/api/auth/config').expect(200)).body).toEqual({ developmentTokens: true });
  });

  it('/me answers the caller the API verified from an identity provider token', async () => {
    const token = rs256({ sub: 'idp-user-7', role: 'commissioner', org: 'LA-SOUTHWARK', iss: 'https://idp.example/' });
    const response = await production.send('GET', '/api/auth/me', { headers: { Authorization: `Bearer ${token}` } }).expect(200);
    expect(response.body).toEqual({ sub: 'idp-user-7', role: 'commissioner', org: 'LA-SOUTHWARK' });
  });

  it.each([
    ['no token', undefined],
    ['a development token in production', `Bearer ${bearerToken({ sub: 'x', role: 'admin', org: 'X' })}`],
    ['an identity provider token without role and org', `Bearer ${rs256({ sub: 'idp-user-7' })}`],
  ])('/me with %s is 401 UNAUTHENTICATED', async (_name, authorization) => {
    const response = await production.send('GET', '/api/auth/me', { headers: authorization === undefined ? {} : { Authorization: authorization } }).expect(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });
});

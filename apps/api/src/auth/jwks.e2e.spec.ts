import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { bearerToken, type TestApi } from '@ledger/testing';
import { startTestApi } from '../testing/start-test-api';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const CALLER = { sub: 'idp-user-1', role: 'auditor', org: 'NAO' };

function jwt(alg: 'RS256' | 'ES256', kid: string, key: KeyObject, claims: Record<string, unknown> = CALLER, expiresIn = 600): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg, kid, typ: 'JWT' })}.${encode({ ...claims, exp: Math.floor(Date.now() / 1000) + expiresIn })}`;
  const signature = sign('sha256', Buffer.from(input), alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${signature.toString('base64url')}`;
}

/** Spec section 9 in production: RS256/ES256 tokens from the identity provider's key set, served here on loopback. */
describe('JWKS tokens in production (key set served on loopback)', () => {
  let keySet: Server;
  let api: TestApi;
  let fetches = 0;

  beforeAll(async () => {
    const keys = [
      { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    keySet = createServer((_request, response) => {
      fetches++;
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => keySet.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(keySet.address() as AddressInfo).port}/.well-known/jwks.json`;
    api = await startTestApi({ env: { NODE_ENV: 'production', LEDGER_CLOCK_HEADER: 'false', AUTH_JWKS_URL: url } });
  });

  afterAll(async () => {
    await api?.close();
    await new Promise((resolve) => keySet.close(resolve));
  });

  it.each([
    { alg: 'RS256' as const, kid: 'rsa-1', key: rsa.privateKey },
    { alg: 'ES256' as const, kid: 'ec-1', key: ec.privateKey },
  ])('a $alg token of the key set is accepted', async ({ alg, kid, key }) => {
    const response = await api.send('GET', '/api/contracts', { headers: { Authorization: `Bearer ${jwt(alg, kid, key)}` } }).expect(200);
    expect(response.body).toEqual({ items: [] });
  });

  it('the key set is fetched once for many tokens', () => expect(fetches).toBe(1));

  it.each([
    { name: 'a key outside the set', token: () => jwt('RS256', 'rsa-1', stranger.privateKey) },
    { name: 'an unknown kid', token: () => jwt('RS256', 'rsa-9', stranger.privateKey) },
    { name: 'an expired token', token: () => jwt('RS256', 'rsa-1', rsa.privateKey, CALLER, -5) },
    { name: 'a role the ledger does not know', token: () => jwt('ES256', 'ec-1', ec.privateKey, { ...CALLER, role: 'root' }) },
    { name: 'an HS256 development token', token: () => bearerToken(CALLER) },
  ])('$name is 401 UNAUTHENTICATED', async ({ token }) => {
    const response = await api.send('GET', '/api/contracts', { headers: { Authorization: `Bearer ${token()}` } }).expect(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('has no development token route', async () => {
    await api.send('POST', '/api/dev/token', { body: { role: 'admin', org: 'X' } }).expect(404);
  });
});

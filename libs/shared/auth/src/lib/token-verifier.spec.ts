import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const SECRET = 'a-development-secret-of-32-characters!';
const NOW = 1_800_000_000;
const CLAIMS = { sub: 'jane', role: 'commissioner', org: 'LA-SOUTHWARK', exp: NOW + 60 };
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function hs256(claims: object, secret = SECRET, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const input = `${encode(header)}.${encode(claims)}`;
  return `Bearer ${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
function rs256(claims: object, kid = 'k1'): string {
  const input = `${encode({ alg: 'RS256', kid })}.${encode(claims)}`;
  return `Bearer ${input}.${sign('sha256', Buffer.from(input), rsa.privateKey).toString('base64url')}`;
}

describe('TokenVerifier', () => {
  const verifier = new TokenVerifier({ hs256Secret: SECRET, nowSeconds: () => NOW });

  it('given a valid HS256 token, answers its actor (sub, role, org)', async () => {
    await expect(verifier.verify(hs256(CLAIMS))).resolves.toEqual({ sub: 'jane', role: 'commissioner', org: 'LA-SOUTHWARK' });
  });

  it.each([
    { name: 'no header', header: undefined },
    { name: 'not a bearer token', header: 'Basic dXNlcjpwYXNz' },
    { name: 'another secret', header: hs256(CLAIMS, 'another-secret-of-at-least-32-chars!') },
    { name: 'alg none', header: hs256(CLAIMS, SECRET, { alg: 'none' }) },
    { name: 'expired (exp = now)', header: hs256({ ...CLAIMS, exp: NOW }) },
    { name: 'no exp', header: hs256({ ...CLAIMS, exp: undefined }) },
    { name: 'an unknown role', header: hs256({ ...CLAIMS, role: 'superuser' }) },
    { name: 'the system role', header: hs256({ ...CLAIMS, role: 'system' }) },
    { name: 'an org that is not an id', header: hs256({ ...CLAIMS, org: 'LA SOUTHWARK' }) },
    { name: 'an RS256 token without a key set', header: rs256(CLAIMS) },
  ])('refuses $name', async ({ header }) => {
    await expect(verifier.verify(header)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses HS256 when no secret is configured (production)', async () => {
    const production = new TokenVerifier({ jwksUrl: 'http://idp/jwks', fetchJson: async () => ({ keys: [] }), nowSeconds: () => NOW });
    await expect(production.verify(hs256(CLAIMS))).rejects.toThrow('HS256 development tokens are not accepted here');
  });

  it('reads the secret lazily, at the first HS256 token', async () => {
    let reads = 0;
    const lazy = new TokenVerifier({ hs256Secret: () => (reads++, SECRET), nowSeconds: () => NOW });
    expect(reads).toBe(0);
    await lazy.verify(hs256(CLAIMS));
    expect(reads).toBe(1);
  });

  it('checks RS256 against the key set, fetched once, by kid', async () => {
    let fetches = 0;
    const jwks = { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256' }] };
    const withKeys = new TokenVerifier({ jwksUrl: 'http://idp/jwks', fetchJson: async () => (fetches++, jwks), nowSeconds: () => NOW });
    await expect(withKeys.verify(rs256(CLAIMS))).resolves.toEqual({ sub: 'jane', role: 'commissioner', org: 'LA-SOUTHWARK' });
    await expect(withKeys.verify(rs256(CLAIMS))).resolves.toBeDefined();
    await expect(withKeys.verify(rs256(CLAIMS, 'k2'))).rejects.toThrow('the token names no key of the key set');
    expect(fetches).toBe(1);
  });

  describe('an identity provider trusted for one issuer and one audience', () => {
    const jwks = { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256' }] };
    const strict = new TokenVerifier({ jwksUrl: 'http://idp/jwks', fetchJson: async () => jwks, nowSeconds: () => NOW, issuer: 'https://idp.example', audience: 'ledger-api' });
    const issued = { ...CLAIMS, iss: 'https://idp.example', aud: 'ledger-api' };

    it.each([
      { name: 'aud as a string', claims: issued },
      { name: 'aud as a list naming this API', claims: { ...issued, aud: ['another-app', 'ledger-api'] } },
    ])('accepts its tokens: $name', async ({ claims }) => {
      await expect(strict.verify(rs256(claims))).resolves.toEqual({ sub: 'jane', role: 'commissioner', org: 'LA-SOUTHWARK' });
    });

    it.each([
      { name: 'another issuer', claims: { ...issued, iss: 'https://idp.example/' }, reason: 'not issued by the identity provider' },
      { name: 'no issuer', claims: { ...issued, iss: undefined }, reason: 'not issued by the identity provider' },
      { name: 'a token for another application', claims: { ...issued, aud: 'web-client' }, reason: 'not meant for this API' },
      { name: 'no audience', claims: { ...issued, aud: undefined }, reason: 'not meant for this API' },
    ])('refuses $name, though signed by its key set', async ({ claims, reason }) => {
      await expect(strict.verify(rs256(claims))).rejects.toThrow(reason);
    });
  });
});

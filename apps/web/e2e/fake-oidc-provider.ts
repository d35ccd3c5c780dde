import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CLIENT_ID = 'ledger-web';

export interface FakeOidcProvider {
  issuer: string;
  jwksUrl: string;
  /** Who the next person to reach the authorisation page is (the provider signs them in without a form). */
  user: { sub: string; role: string; org: string };
  /** Refusal paths: send back another state than the one received; sign tokens with a key outside the key set. */
  forgeState: boolean;
  signWithStranger: boolean;
  /** Token requests answered, with whether their PKCE verifier matched the challenge. */
  exchanges: { pkceVerified: boolean; redirectUri: string }[];
  close(): Promise<void>;
}

interface Grant {
  challenge: string;
  nonce: string;
  redirectUri: string;
  user: FakeOidcProvider['user'];
}

/**
 * An OpenID provider small enough to read, on loopback: discovery, an authorisation endpoint that signs the
 * configured user in at once, a token endpoint that checks the PKCE verifier (RFC 7636, S256) and issues RS256
 * tokens, and the JWKS the ledger verifies them with. Keys are generated per run with node:crypto.
 */
export async function startFakeOidcProvider(): Promise<FakeOidcProvider> {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const grants = new Map<string, Grant>();
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider: FakeOidcProvider = {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    user: { sub: 'idp-user', role: 'commissioner', org: 'LA-SOUTHWARK' },
    forgeState: false,
    signWithStranger: false,
    exchanges: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const jwt = (claims: Record<string, unknown>, key: KeyObject): string => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const input = `${encode({ alg: 'RS256', kid: 'fake-1', typ: 'JWT' })}.${encode({ iss: issuer, iat: now, exp: now + 600, ...claims })}`;
    return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
  };

  const json = (response: ServerResponse, status: number, body: unknown) => {
    // The browser reads discovery and the token answer from the ledger's origin.
    response.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify(body));
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', issuer);
    if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: provider.jwksUrl,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (request.method === 'GET' && url.pathname === '/jwks') {
      return json(response, 200, { keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: 'fake-1', alg: 'RS256', use: 'sig' }] });
    }
    if (request.method === 'GET' && url.pathname === '/authorize') {
      const query = url.searchParams;
      const redirectUri = query.get('redirect_uri') ?? '';
      if (query.get('client_id') !== CLIENT_ID || query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256' || !redirectUri) {
        return json(response, 400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('base64url');
      grants.set(code, { challenge: query.get('code_challenge') ?? '', nonce: query.get('nonce') ?? '', redirectUri, user: { ...provider.user } });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', provider.forgeState ? 'forged-by-someone-else' : (query.get('state') ?? ''));
      response.writeHead(302, { Location: back.toString() });
      response.end();
      return;
    }
    if (request.method === 'POST' && url.pathname === '/token') {
      let body = '';
      for await (const chunk of request) body += String(chunk);
      const form = new URLSearchParams(body);
      const code = form.get('code') ?? '';
      const grant = grants.get(code);
      grants.delete(code);
      const pkceVerified = grant !== undefined && createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === grant.challenge;
      provider.exchanges.push({ pkceVerified, redirectUri: form.get('redirect_uri') ?? '' });
      if (!grant || !pkceVerified || form.get('grant_type') !== 'authorization_code' || form.get('client_id') !== CLIENT_ID || form.get('redirect_uri') !== grant.redirectUri) {
        return json(response, 400, { error: 'invalid_grant', error_description: 'the code, its verifier or its redirect URI is wrong' });
      }
      const key = provider.signWithStranger ? stranger.privateKey : keys.privateKey;
      return json(response, 200, {
        token_type: 'Bearer',
        expires_in: 600,
        access_token: jwt({ aud: 'ledger-api', ...grant.user }, key),
        id_token: jwt({ aud: CLIENT_ID, sub: grant.user.sub, nonce: grant.nonce }, key),
      });
    }
    return json(response, 404, { error: 'not_found' });
  }

  return provider;
}

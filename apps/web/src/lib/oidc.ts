/**
 * Sign-in through the organisation's identity provider: OpenID Connect authorisation code flow with PKCE, run by
 * the browser as a public client (ADR 0009). The token it gets is the bearer the API verifies with the provider's
 * key set; nothing here trusts a token further than reading its claims for display and the checks below.
 */

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Absent: this page's origin + `/sign-in/callback`. */
  redirectUri?: string;
  scopes: string[];
  bearer: 'access_token' | 'id_token';
}

/** `GET /api/auth/config`. */
export interface SignInOptions {
  developmentTokens: boolean;
  oidc?: OidcSettings;
}

export const CALLBACK_PATH = '/sign-in/callback';
const PENDING_KEY = 'ledger.oidc.pending';
/** A sign-in left unfinished longer than this (the person walked away at the provider) is not finished later. */
const PENDING_TTL_MS = 15 * 60 * 1000;

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  tokenEndpoint: string;
  bearer: OidcSettings['bearer'];
  returnTo: string;
  startedAt: number;
}

export interface OidcEnvironment {
  fetch: typeof fetch;
  /** Where the pending sign-in waits for the provider's answer: this tab's session storage. */
  storage: Storage;
  crypto: Crypto;
  /** This page's origin, for the default redirect URI. */
  origin: string;
  now(): number;
}

/** A sign-in that cannot go on, with the reason in words. */
export class SignInRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInRefused';
  }
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes as 43 URL-safe characters: a state, a nonce, or a PKCE code verifier (RFC 7636 section 4.1). */
export function randomToken(crypto: Crypto): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** RFC 7636 section 4.2, S256: BASE64URL(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string, crypto: Crypto): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** A path of this app to come back to; anything else (another origin, `//host`) is the home page. */
export function safeReturnPath(path: string): string {
  return /^\/(?![/\\])/.test(path) && !path.startsWith(CALLBACK_PATH) && !path.startsWith('/sign-in') ? path : '/';
}

interface Discovery {
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

async function discover(issuer: string, env: OidcEnvironment): Promise<Discovery> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: Record<string, unknown>;
  try {
    const response = await env.fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(String(response.status));
    document = (await response.json()) as Record<string, unknown>;
  } catch {
    throw new SignInRefused('The identity provider could not be reached. Try again in a few minutes, or contact your service desk.');
  }
  // OpenID Connect Discovery section 4.3: a document naming another issuer must not be used.
  if (document['issuer'] !== issuer) throw new SignInRefused('The identity provider describes itself as another issuer, so it was not used. Contact your service desk.');
  const methods = document['code_challenge_methods_supported'];
  if (Array.isArray(methods) && !methods.includes('S256')) throw new SignInRefused('The identity provider does not support PKCE (S256), which this service requires.');
  const { authorization_endpoint: authorizationEndpoint, token_endpoint: tokenEndpoint } = document;
  if (typeof authorizationEndpoint !== 'string' || typeof tokenEndpoint !== 'string') throw new SignInRefused('The identity provider’s description has no authorisation or token endpoint.');
  return { authorizationEndpoint, tokenEndpoint };
}

/** Starts a sign-in: the address of the provider's authorisation page, the pending sign-in kept for the way back. */
export async function startSignIn(settings: OidcSettings, returnTo: string, env: OidcEnvironment): Promise<string> {
  const { authorizationEndpoint, tokenEndpoint } = await discover(settings.issuer, env);
  const pending: PendingSignIn = {
    state: randomToken(env.crypto),
    nonce: randomToken(env.crypto),
    verifier: randomToken(env.crypto),
    issuer: settings.issuer,
    clientId: settings.clientId,
    redirectUri: settings.redirectUri ?? `${env.origin}${CALLBACK_PATH}`,
    tokenEndpoint,
    bearer: settings.bearer,
    returnTo: safeReturnPath(returnTo),
    startedAt: env.now(),
  };
  env.storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(authorizationEndpoint);
  const parameters: Record<string, string> = {
    response_type: 'code',
    client_id: pending.clientId,
    redirect_uri: pending.redirectUri,
    scope: settings.scopes.join(' '),
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await pkceChallenge(pending.verifier, env.crypto),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return url.toString();
}

function claimsOf(jwt: string): Record<string, unknown> | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The way back from the provider (`/sign-in/callback?code&state`): the state must be the one this tab sent, the
 * code is exchanged with the PKCE verifier only this tab knows, and the ID token must name this issuer, this client
 * and this sign-in's nonce. The pending sign-in is used once, whatever the outcome.
 */
export async function finishSignIn(query: URLSearchParams, env: OidcEnvironment): Promise<{ token: string; returnTo: string }> {
  const stored = env.storage.getItem(PENDING_KEY);
  env.storage.removeItem(PENDING_KEY);
  const error = query.get('error');
  if (error) throw new SignInRefused(`The identity provider did not sign you in: ${query.get('error_description') || error}.`);
  let pending: PendingSignIn | undefined;
  try {
    pending = stored ? (JSON.parse(stored) as PendingSignIn) : undefined;
  } catch {
    pending = undefined;
  }
  if (!pending || env.now() - pending.startedAt > PENDING_TTL_MS) throw new SignInRefused('No sign-in was waiting for this answer in this tab (it may have expired). Start again.');
  if (query.get('state') !== pending.state) throw new SignInRefused('The answer from the identity provider does not belong to the sign-in started here, so it was not used. Start again.');
  const code = query.get('code');
  if (!code) throw new SignInRefused('The identity provider answered without a code. Start again.');

  let answer: Record<string, unknown>;
  try {
    const response = await env.fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier }).toString(),
    });
    answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const reason = typeof answer['error_description'] === 'string' ? answer['error_description'] : typeof answer['error'] === 'string' ? answer['error'] : `status ${response.status}`;
      throw new SignInRefused(`The identity provider refused to complete the sign-in (${reason}). Start again.`);
    }
  } catch (caught) {
    if (caught instanceof SignInRefused) throw caught;
    throw new SignInRefused('The identity provider could not be reached to complete the sign-in. Start again.');
  }

  const idToken = typeof answer['id_token'] === 'string' ? answer['id_token'] : undefined;
  const claims = idToken ? claimsOf(idToken) : undefined;
  const audience = claims?.['aud'];
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!claims || claims['iss'] !== pending.issuer || !audiences.includes(pending.clientId) || claims['nonce'] !== pending.nonce) {
    throw new SignInRefused('The identity provider’s answer is not for this sign-in (its ID token names another issuer, client or sign-in), so it was not used.');
  }
  const token = answer[pending.bearer];
  if (typeof token !== 'string' || token === '') throw new SignInRefused(`The identity provider issued no ${pending.bearer === 'id_token' ? 'ID' : 'access'} token.`);
  return { token, returnTo: pending.returnTo };
}

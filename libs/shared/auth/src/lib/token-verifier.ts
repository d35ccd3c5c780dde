import { createHmac, createPublicKey, timingSafeEqual, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Actor } from '@ledger/kernel';
import { isValidId } from '@ledger/kernel';

export const CALLER_ROLES = ['commissioner', 'provider', 'auditor', 'admin'] as const;

export interface TokenVerifierOptions {
  /**
   * HS256 development tokens are accepted only when a secret is given (never in production). A function is called
   * at the first HS256 token, so a server that never sees one never generates a secret into its data folder.
   */
  hs256Secret?: string | (() => string);
  /** RS256/ES256 tokens of the identity provider, checked against this key set. */
  jwksUrl?: string;
  /** When set, an identity provider's token must carry this `iss`, exactly (a key set may sign for several issuers). */
  issuer?: string;
  /** When set, an identity provider's token must name this audience in `aud`, so a token minted for another
   * application of the same provider is refused. */
  audience?: string;
  /** Seconds since the epoch; real time, never the ledger's clock (X-Ledger-Now replays 2024 with live tokens). */
  nowSeconds?: () => number;
  fetchJson?: (url: string) => Promise<unknown>;
}

/** Why a token is refused; the guard answers every one of them 401 UNAUTHENTICATED. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

interface JwtHeader {
  alg?: unknown;
  kid?: unknown;
}

/** A JWKS key set fetched once and again when a token names a key it does not hold (key rotation). */
class KeySet {
  private keys = new Map<string, { key: KeyObject; alg?: string }>();
  private loading?: Promise<void>;
  private lastLoadedMs = 0;

  constructor(
    private readonly url: string,
    private readonly fetchJson: (url: string) => Promise<unknown>,
  ) {}

  async key(kid: string | undefined): Promise<{ key: KeyObject; alg?: string } | undefined> {
    const found = this.find(kid);
    // A refetch at most every 10 s: an unknown kid must not let callers hammer the identity provider.
    if (found || Date.now() - this.lastLoadedMs < 10_000) return found;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    await this.loading;
    return this.find(kid);
  }

  private find(kid: string | undefined) {
    if (kid !== undefined) return this.keys.get(kid);
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  private async load(): Promise<void> {
    this.lastLoadedMs = Date.now();
    const document = (await this.fetchJson(this.url)) as { keys?: unknown };
    if (!Array.isArray(document.keys)) throw new InvalidTokenError(`the key set at ${this.url} has no keys`);
    const keys = new Map<string, { key: KeyObject; alg?: string }>();
    for (const [index, jwk] of (document.keys as (JsonWebKey & { kid?: string; alg?: string; use?: string })[]).entries()) {
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') continue;
      keys.set(jwk.kid ?? `#${index}`, { key: createPublicKey({ key: jwk, format: 'jwk' }), alg: jwk.alg });
    }
    this.keys = keys;
  }
}

async function fetchJsonOverHttp(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new InvalidTokenError(`the key set at ${url} answered ${response.status}`);
  return response.json();
}

/**
 * Spec section 9: a bearer JWT with `sub`, `role`, `org` and `exp`. HS256 with the development secret outside
 * production, RS256/ES256 from the identity provider's JWKS. Written on node:crypto: two algorithms families and
 * a key set are small, and an ESM-only library would complicate the CommonJS build of the app.
 */
export class TokenVerifier {
  private readonly keySet?: KeySet;
  private readonly nowSeconds: () => number;

  constructor(private readonly options: TokenVerifierOptions) {
    this.keySet = options.jwksUrl === undefined ? undefined : new KeySet(options.jwksUrl, options.fetchJson ?? fetchJsonOverHttp);
    this.nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  }

  async verify(authorization: string | undefined): Promise<Actor> {
    if (authorization === undefined || authorization === '') throw new InvalidTokenError('no bearer token: send Authorization: Bearer <token>');
    const match = /^Bearer +([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/i.exec(authorization.trim());
    if (!match) throw new InvalidTokenError('the Authorization header is not a bearer JWT');
    const [, headerPart, payloadPart, signaturePart] = match;
    const header = parseJson(headerPart) as JwtHeader;
    const signingInput = Buffer.from(`${headerPart}.${payloadPart}`);
    const signature = Buffer.from(signaturePart, 'base64url');
    await this.checkSignature(header, signingInput, signature);
    const payload = parseJson(payloadPart);
    if (header.alg !== 'HS256') this.checkIssuerAndAudience(payload);
    return this.claims(payload);
  }

  private checkIssuerAndAudience(payload: unknown): void {
    const { iss, aud } = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
    const { issuer, audience } = this.options;
    if (issuer !== undefined && iss !== issuer) throw new InvalidTokenError('the token was not issued by the identity provider this API trusts');
    if (audience !== undefined && !(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) {
      throw new InvalidTokenError('the token is not meant for this API (aud)');
    }
  }

  private async checkSignature(header: JwtHeader, signingInput: Buffer, signature: Buffer): Promise<void> {
    if (header.alg === 'HS256') {
      const secret = this.options.hs256Secret;
      if (secret === undefined) throw new InvalidTokenError('HS256 development tokens are not accepted here');
      const expected = createHmac('sha256', typeof secret === 'string' ? secret : secret()).update(signingInput).digest();
      if (expected.length !== signature.length || !timingSafeEqual(expected, signature)) throw new InvalidTokenError('bad token signature');
      return;
    }
    if (header.alg !== 'RS256' && header.alg !== 'ES256') throw new InvalidTokenError(`token algorithm ${String(header.alg)} is not accepted`);
    if (!this.keySet) throw new InvalidTokenError(`${header.alg} tokens need AUTH_JWKS_URL`);
    const found = await this.keySet.key(typeof header.kid === 'string' ? header.kid : undefined);
    if (!found) throw new InvalidTokenError('the token names no key of the key set');
    if (found.alg !== undefined && found.alg !== header.alg) throw new InvalidTokenError('the token algorithm is not its key\'s');
    const ok =
      header.alg === 'ES256'
        ? verify('sha256', signingInput, { key: found.key, dsaEncoding: 'ieee-p1363' }, signature)
        : found.key.asymmetricKeyType === 'rsa' && verify('sha256', signingInput, found.key, signature);
    if (!ok) throw new InvalidTokenError('bad token signature');
  }

  private claims(payload: unknown): Actor {
    if (typeof payload !== 'object' || payload === null) throw new InvalidTokenError('the token carries no claims');
    const { sub, role, org, exp } = payload as Record<string, unknown>;
    if (typeof exp !== 'number') throw new InvalidTokenError('the token has no exp');
    if (exp <= this.nowSeconds()) throw new InvalidTokenError('the token has expired');
    if (typeof sub !== 'string' || sub === '' || sub.length > 500) throw new InvalidTokenError('the token has no sub');
    if (typeof role !== 'string' || !(CALLER_ROLES as readonly string[]).includes(role)) throw new InvalidTokenError(`the token's role must be one of ${CALLER_ROLES.join(', ')}`);
    if (!isValidId(org)) throw new InvalidTokenError('the token has no valid org');
    return { sub, role, org };
  }
}

function parseJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError('the token is not a JWT');
  }
}

import { createHmac } from 'node:crypto';

export const ROLES = ['commissioner', 'provider', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface TokenClaims {
  sub: string;
  role: Role;
  org: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

/** A compact HS256 JWT (RFC 7519) of the claims spec section 9 names. */
export function signDevToken(claims: TokenClaims, secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

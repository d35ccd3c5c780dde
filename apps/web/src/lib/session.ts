export type Role = 'commissioner' | 'provider' | 'auditor' | 'admin';
export const ROLES: readonly Role[] = ['commissioner', 'provider', 'auditor', 'admin'];

export interface Session {
  token: string;
  sub: string;
  role: Role;
  org: string;
  /** Seconds since the epoch. */
  exp?: number;
}

const STORAGE_KEY = 'ledger.session';

/**
 * The claims of a bearer token, read for display and navigation only: the API verifies the signature on every
 * request, so a token edited in the browser gains nothing.
 */
export function sessionFromToken(token: string): Session | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
    const claims = JSON.parse(json) as Record<string, unknown>;
    const role = claims['role'];
    if (typeof claims['sub'] !== 'string' || typeof claims['org'] !== 'string' || !ROLES.includes(role as Role)) return undefined;
    return { token, sub: claims['sub'], role: role as Role, org: claims['org'], exp: typeof claims['exp'] === 'number' ? claims['exp'] : undefined };
  } catch {
    return undefined;
  }
}

/** The session kept for this browser tab only, unless it has expired by `nowMs`. */
export function loadSession(storage: Storage, nowMs: number): Session | undefined {
  const token = storage.getItem(STORAGE_KEY);
  const session = token ? sessionFromToken(token) : undefined;
  if (!session || (session.exp !== undefined && session.exp * 1000 <= nowMs)) {
    storage.removeItem(STORAGE_KEY);
    return undefined;
  }
  return session;
}

export function saveSession(storage: Storage, session: Session | undefined): void {
  if (session) storage.setItem(STORAGE_KEY, session.token);
  else storage.removeItem(STORAGE_KEY);
}

export const ROLE_NAMES: Record<Role, string> = {
  commissioner: 'Commissioner',
  provider: 'Provider',
  auditor: 'Auditor',
  admin: 'Framework administrator',
};

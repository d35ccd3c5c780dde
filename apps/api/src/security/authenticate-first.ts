import type { Actor } from '@ledger/kernel';
import { InvalidTokenError, type TokenVerifier } from '@ledger/auth';
import { problem, PROBLEM_CONTENT_TYPE } from '../http/problem.filter';

/** Routes under /api that anyone may call: the development token (absent in production) and how to sign in. */
const PUBLIC_API_PATHS = /^\/api\/(dev\/token|auth\/config)\/?$/;

export interface AuthenticatedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Set by `authenticateFirst` for /api requests; the rate limit keys on it. */
  authenticatedActor?: Actor;
}
interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

/**
 * Spec section 4 puts 401 before 413 and 400, but Express parses a body before any Nest guard runs. This checks the
 * bearer token ahead of the body parser with the guard's own verifier, so an oversized or malformed body from
 * nobody is 401. The guard checks the token again on the route: the cost is one HMAC or one cached-key verify.
 */
export function authenticateFirst(verifier: TokenVerifier) {
  return (req: AuthenticatedRequest, res: Response, next: (error?: unknown) => void): void => {
    if (!req.path.startsWith('/api/') || PUBLIC_API_PATHS.test(req.path)) return next();
    const header = req.headers['authorization'];
    verifier.verify(Array.isArray(header) ? header[0] : header).then(
      (actor) => {
        req.authenticatedActor = actor;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof InvalidTokenError)) return next(error);
        res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
        res.status(401).send(JSON.stringify(problem(401, 'UNAUTHENTICATED', error.message)));
      },
    );
  };
}

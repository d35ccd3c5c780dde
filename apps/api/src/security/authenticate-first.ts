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
interface RequestBody {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'error', listener: () => void): unknown;
  resume(): unknown;
}
interface Response {
  readonly headersSent: boolean;
  status(code: number): Response;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

/**
 * Spec section 4 puts 401 before 413 and 400, but Express parses a body before any Nest guard runs. This checks the
 * bearer token ahead of the body parser with the guard's own verifier, so an oversized or malformed body from
 * nobody is 401. The guard checks the token again on the route: the cost is one HMAC or one cached-key verify.
 */
export function authenticateFirst(verifier: TokenVerifier, discardUpToBytes: number) {
  return (req: AuthenticatedRequest & RequestBody, res: Response, next: (error?: unknown) => void): void => {
    if (!req.path.startsWith('/api/') || PUBLIC_API_PATHS.test(req.path)) return next();
    const header = req.headers['authorization'];
    verifier.verify(Array.isArray(header) ? header[0] : header).then(
      (actor) => {
        req.authenticatedActor = actor;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof InvalidTokenError)) return next(error);
        const refuse = () => {
          if (res.headersSent) return;
          res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
          res.status(401).send(JSON.stringify(problem(401, 'UNAUTHENTICATED', error.message)));
        };
        if (!hasBody(req)) return refuse();
        // A client still sending its body when the server answers and closes sees its write fail (EPIPE) instead of
        // the 401. The body is read and thrown away (never kept) up to the largest body a route accepts; past that
        // the connection is closed on the answer, as the body parser would close it with 413.
        let received = 0;
        req.on('data', (chunk) => {
          received += chunk.length;
          if (received > discardUpToBytes && !res.headersSent) {
            res.setHeader('Connection', 'close');
            refuse();
          }
        });
        req.on('end', refuse);
        req.on('error', refuse);
        req.resume();
      },
    );
  };
}

function hasBody(req: AuthenticatedRequest): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

import { problem, PROBLEM_CONTENT_TYPE } from '../http/problem.filter';
import type { AuthenticatedRequest } from './authenticate-first';

interface Request extends AuthenticatedRequest {
  ip?: string;
}
interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

const WINDOW_MS = 60_000;

/**
 * Issue 9: at most `perMinute` requests per caller in each fixed minute, 429 RATE_LIMITED with `Retry-After` beyond.
 * The caller is the token's `sub` and `org` (so one user cannot starve the others of an organisation), or the
 * address when there is no token. Installed after the body parser: section 4 puts 413 before 429. Counters live in
 * the process: behind several processes the limit is per process, which bounds abuse without a shared store.
 */
export function rateLimit(perMinute: number, nowMs: () => number = Date.now) {
  let windowStart = 0;
  let counts = new Map<string, number>();
  /** Whether the caller is over its budget, after counting this request; answers the 429 when it is. */
  function refused(req: Request, res: Response): boolean {
    const now = nowMs();
    if (now - windowStart >= WINDOW_MS) {
      // A new window forgets every caller of the last one, so the map never outgrows one minute of callers.
      windowStart = now - (now % WINDOW_MS);
      counts = new Map();
    }
    const actor = req.authenticatedActor;
    const key = actor === undefined ? `ip:${req.ip ?? 'unknown'}` : `sub:${actor.org}:${actor.sub}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count <= perMinute) return false;
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000))));
    res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    res.status(429).send(JSON.stringify(problem(429, 'RATE_LIMITED', `more than ${perMinute} requests in a minute; retry after the Retry-After seconds`)));
    return true;
  }
  return {
    /** For requests whose body was read. */
    counted: (req: Request, res: Response, next: () => void): void => {
      if (!refused(req, res)) next();
    },
    /** For requests whose body could not be read: a 413 stays a 413, a malformed body from a caller over its budget is 429. */
    countedOnError: (error: unknown, req: Request, res: Response, next: (error: unknown) => void): void => {
      if (isTooLarge(error) || !refused(req, res)) next(error);
    },
  };
}

function isTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.too.large';
}

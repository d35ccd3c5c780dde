import { randomUUID } from 'node:crypto';
import type { AuthenticatedRequest } from './authenticate-first';

interface Request extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}
interface Response {
  statusCode: number;
  setHeader(name: string, value: string): void;
  on(event: 'finish' | 'close', listener: () => void): void;
}

export type LogSink = (line: string) => void;

export const writeToStdout: LogSink = (line) => process.stdout.write(`${line}\n`);

/**
 * Issue 9: one JSON line per request, with the caller and a correlation id that is echoed in the answer (and that the
 * auth guard stamps on the events the request appends). Never a body, a query string or a header value but the
 * correlation id: child data (only ever the pseudonymous childRef, in bodies) stays out of the log.
 */
export function requestLog(sink: LogSink, nowMs: () => number = Date.now) {
  return (req: Request, res: Response, next: () => void): void => {
    const started = nowMs();
    // Read now: routers mounted on a prefix rewrite the request's url while they run.
    const path = req.path;
    const method = req.method;
    const given = req.headers['x-correlation-id'];
    const header = Array.isArray(given) ? given[0] : given;
    // The same bounds as the guard's, so the echoed id is the one stamped on the events.
    const correlationId = header !== undefined && header.length > 0 && header.length <= 200 ? header : randomUUID();
    req.headers['x-correlation-id'] = correlationId;
    res.setHeader('X-Correlation-Id', correlationId);
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const status = res.statusCode;
      sink(
        JSON.stringify({
          level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
          time: new Date(nowMs()).toISOString(),
          msg: 'request',
          method,
          path,
          status,
          durationMs: nowMs() - started,
          correlationId,
          sub: req.authenticatedActor?.sub ?? null,
          org: req.authenticatedActor?.org ?? null,
        }),
      );
    };
    res.on('finish', log);
    res.on('close', log);
    next();
  };
}

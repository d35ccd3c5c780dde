/** Answers of the API carry no page: nothing may be loaded, framed or sniffed from them. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Swagger UI (at /docs) loads its own scripts and styles and sets a few inline styles; only there. */
const DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
const HSTS = 'max-age=31536000; includeSubDomains';

interface Request {
  path: string;
}
interface Response {
  setHeader(name: string, value: string): void;
  removeHeader(name: string): void;
}

/**
 * Issue 9: headers on every answer. The web app's pages set their own CSP over this one (web/web-app.ts);
 * HSTS only in production, where TLS ends in front of the API (a development server on http would be unreachable
 * from a browser that remembered it).
 */
export function securityHeaders(production: boolean) {
  return (req: Request, res: Response, next: () => void): void => {
    res.setHeader('Content-Security-Policy', /^\/docs(\/|-|$)/.test(req.path) ? DOCS_CSP : API_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (production) res.setHeader('Strict-Transport-Security', HSTS);
    res.removeHeader('X-Powered-By');
    next();
  };
}

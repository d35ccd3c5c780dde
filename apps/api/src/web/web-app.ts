import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Where `npx vite build --config apps/web/vite.config.mts` writes the web app. */
export const WEB_DIST_DIR = path.resolve(__dirname, '../../../web/dist');

/** Routes of the API itself: everything else that is a GET is a page of the web app. */
const API_PATHS = /^\/(api|health|metrics|docs)(\/|-|$)/;

/**
 * The bundle has no inline script or style (docs/web.md), so the page may allow only its own origin, and, with
 * OIDC sign-in, requests to the identity provider (discovery and the token endpoint, ADR 0009).
 */
function pageHeaders(connectOrigins: readonly string[]): Record<string, string> {
  const connect = connectOrigins.length > 0 ? `connect-src 'self' ${connectOrigins.join(' ')}; ` : '';
  return {
    'Content-Security-Policy': `default-src 'self'; ${connect}img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
}

const NOT_BUILT = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Partnership ledger</title></head>
<body><h1>Partnership ledger</h1>
<p>The web app is not built yet. Build it with <code>npx vite build --config apps/web/vite.config.mts</code> and reload this page
(<code>npm start</code> builds it when it is missing). The API is at <a href="/docs">/docs</a>.</p></body></html>
`;

interface Request {
  method: string;
  path: string;
}
interface Response {
  setHeader(name: string, value: string): void;
  sendFile(file: string, options: { headers: Record<string, string> }): void;
  status(code: number): Response;
  type(type: string): Response;
  send(body: string): void;
}

/**
 * Issue 10: the API serves the web app at `/`: fingerprinted assets cached for ever, and `index.html` for any
 * other GET outside the API's own routes, so client-side routes load on a reload. Without a build, a short page
 * says how to make one; it is looked for at each request, so a build made while the API runs is served at once.
 */
export function serveWebApp(app: NestExpressApplication, options: { distDir?: string; connectOrigins?: readonly string[] } = {}): void {
  const distDir = options.distDir ?? WEB_DIST_DIR;
  const headers = pageHeaders(options.connectOrigins ?? []);
  app.useStaticAssets(path.join(distDir, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    fallthrough: false,
    setHeaders: (res: Response) => Object.entries(headers).forEach(([name, value]) => res.setHeader(name, value)),
  });
  app.use((req: Request, res: Response, next: () => void) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    const index = path.join(distDir, 'index.html');
    if (!existsSync(index)) {
      res.status(200).type('html').send(NOT_BUILT);
      return;
    }
    res.sendFile(index, { headers: { ...headers, 'Cache-Control': 'no-cache' } });
  });
}

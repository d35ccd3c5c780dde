import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { App } from '../app';
import type { Role } from '../lib/session';

/** A clock pinned for every component test: 15 July 2024, 10:00 in London. */
export const PINNED_NOW = Date.parse('2024-07-15T09:00:00Z');

export function tokenFor(role: Role, org: string, sub = 'test-user'): string {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub, role, org, exp: PINNED_NOW / 1000 + 3600 })}.signature`;
}

export interface Request {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Route = (request: Request) => { status?: number; body?: unknown; headers?: Record<string, string> };

/**
 * The app against a fake API: each route is `METHOD path` (query ignored) and answers with a status and a JSON
 * body; a problem status is sent as application/problem+json. Every request is kept for assertions.
 */
export function renderApp(
  path: string,
  routes: Record<string, Route>,
  session?: { role: Role; org: string },
  options: { redirect?: (url: string) => void; keepStorage?: boolean } = {},
) {
  if (!options.keepStorage) window.sessionStorage.clear();
  if (session) window.sessionStorage.setItem('ledger.session', tokenFor(session.role, session.org));
  window.history.replaceState(null, '', path);
  const requests: Request[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const request: Request = {
      method: init?.method ?? 'GET',
      url,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? parseBody(init.body) : undefined,
    };
    requests.push(request);
    const route = routes[`${request.method} ${url.split('?')[0]}`];
    if (!route) return new Response(JSON.stringify({ status: 404, code: 'NOT_FOUND' }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    const answer = route(request);
    const status = answer.status ?? 200;
    return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...answer.headers },
    });
  });
  const rendered = render(<App fetch={fetchFn as unknown as typeof fetch} storage={window.sessionStorage} now={() => PINNED_NOW} redirect={options.redirect} />);
  return { ...rendered, requests };
}

/** JSON to the API; a form to an identity provider's token endpoint. */
function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return Object.fromEntries(new URLSearchParams(body));
  }
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}) {
  return { status, body: { type: `urn:ledger:problem:${code.toLowerCase()}`, title: code, status, code, detail: `detail of ${code}`, ...extra } };
}

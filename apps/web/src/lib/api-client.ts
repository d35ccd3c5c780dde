import { newUuid } from './ids';
import { describeProblem, isProblem, type Problem } from './problems';

/** A page of a list (spec section 9): `next` is the cursor of the following page, absent on the last. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** A refused or failed request, with the problem in words and the correlation id to quote to support. */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    readonly correlationId: string,
  ) {
    super(describeProblem(problem));
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): { field: string; message: string }[] {
    return this.problem.errors ?? [];
  }
}

/** The answer to a write (spec section 9). */
export interface WriteResult {
  contractId?: string;
  revision?: number;
  globalPosition?: string | number;
}

export interface WriteOptions {
  /** Makes a retried submission (a double click, a lost answer) one effect: the server answers as the first time. */
  idempotencyKey?: string;
  /** The stream revision the page was showing: the command is refused with CONCURRENCY if the contract moved on. */
  ifMatch?: number;
}

export type Query = Record<string, string | number | undefined>;

export interface ApiClientOptions {
  token: () => string | undefined;
  baseUrl?: string;
  fetch?: typeof fetch;
  newId?: () => string;
  /** Called on 401, so the app can send the person back to sign in. */
  onUnauthenticated?: () => void;
}

/** The codes of errors raised outside the domain, by HTTP status, as the API's problem filter assigns them. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  412: 'CONCURRENCY',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

export const MAX_PAGE_SIZE = 1000;

export class ApiClient {
  private readonly fetchFn: typeof fetch;
  private readonly baseUrl: string;
  private readonly newId: () => string;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.baseUrl = options.baseUrl ?? '';
    this.newId = options.newId ?? newUuid;
  }

  /** The same client sending one given token and leaving a 401 to the caller: a new token is checked before it is kept. */
  withToken(token: string): ApiClient {
    return new ApiClient({ ...this.options, token: () => token, onUnauthenticated: undefined });
  }

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.request<T>('GET', withQuery(path, query)).then((answer) => answer.body);
  }

  /** One page of a list; `cursorParam` is `from` for a stream's events and `cursor` for other lists. */
  async page<T>(path: string, options: { limit?: number; cursor?: string | null; cursorParam?: 'cursor' | 'from'; query?: Query } = {}): Promise<Page<T>> {
    const query: Query = { ...options.query, limit: options.limit };
    if (options.cursor) query[options.cursorParam ?? 'cursor'] = options.cursor;
    const body = await this.get<{ items?: T[]; next?: string | number | null }>(path, query);
    return { items: body.items ?? [], next: body.next === undefined || body.next === null || body.next === '' ? null : String(body.next) };
  }

  /** Every item of a list, page after page, stopping after `maxPages` so a runaway cursor cannot loop for ever. */
  async all<T>(path: string, options: { cursorParam?: 'cursor' | 'from'; query?: Query; maxPages?: number } = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    const maxPages = options.maxPages ?? 100;
    for (let pageNumber = 0; pageNumber < maxPages; pageNumber += 1) {
      const page: Page<T> = await this.page<T>(path, { ...options, limit: MAX_PAGE_SIZE, cursor });
      items.push(...page.items);
      if (page.next === null || page.next === cursor) return items;
      cursor = page.next;
    }
    throw new Error(`More than ${maxPages * MAX_PAGE_SIZE} items at ${path}: narrow the request.`);
  }

  post<T = WriteResult>(path: string, body: unknown, options: WriteOptions = {}): Promise<T> {
    return this.request<T>('POST', path, body, options).then((answer) => answer.body);
  }

  put<T = WriteResult>(path: string, body: unknown, options: WriteOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, body, options).then((answer) => answer.body);
  }

  /**
   * A file sent as `multipart/form-data` (the browser writes the boundary). `answerStatuses` are failures whose body
   * is an answer the page shows (an import's 422 lists its bad rows), returned with their status instead of thrown.
   */
  upload<T>(path: string, form: FormData, options: WriteOptions & { answerStatuses?: number[] } = {}): Promise<{ status: number; body: T }> {
    return this.request<T>('POST', path, form, options).then((answer) => ({ status: answer.status, body: answer.body }));
  }

  /** A text resource (an export), read with the same credentials and error handling. */
  text(path: string, query: Query = {}): Promise<string> {
    return this.request<string>('GET', withQuery(path, query), undefined, {}, true).then((answer) => answer.body);
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    options: WriteOptions & { answerStatuses?: number[] } = {},
    asText = false,
  ): Promise<{ body: T; etag: string | null; status: number }> {
    const correlationId = this.newId();
    const headers: Record<string, string> = { Accept: 'application/json', 'X-Correlation-Id': correlationId };
    const token = this.options.token();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
    let response: Response;
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
    } catch {
      throw new ApiError({ status: 0, code: 'NETWORK' }, correlationId);
    }
    const answeredId = response.headers.get('X-Correlation-Id') ?? correlationId;
    if (!response.ok && !options.answerStatuses?.includes(response.status)) {
      const error = new ApiError(await problemOf(response), answeredId);
      if (error.status === 401) this.options.onUnauthenticated?.();
      throw error;
    }
    const text = await response.text();
    if (asText) return { body: text as T, etag: response.headers.get('ETag'), status: response.status };
    try {
      return { body: (text ? JSON.parse(text) : undefined) as T, etag: response.headers.get('ETag'), status: response.status };
    } catch {
      throw new ApiError({ status: response.status, code: 'INTERNAL', detail: 'The answer was not valid JSON.' }, answeredId);
    }
  }
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(text);
    if (isProblem(parsed)) return parsed;
  } catch {
    // Not JSON: a proxy or a crash answered; the status still says what kind of failure it was.
  }
  const status = response.status;
  return { status, code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : `HTTP_${status}`), detail: response.statusText || undefined };
}

export function withQuery(path: string, query: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/** A path segment from an id, encoded so an id can never change the route. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

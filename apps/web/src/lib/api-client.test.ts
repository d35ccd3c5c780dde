import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError } from './api-client';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(answers: ((call: Call) => Response)[]) {
  const calls: Call[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    return answer(call);
  });
  return { fetchFn: fetchFn as unknown as typeof fetch, calls };
}

const json = (status: number, body: unknown, type = 'application/json') => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  json(status, { type: `urn:ledger:problem:${code}`, title: code, status, code, detail: `server detail for ${code}`, ...extra }, 'application/problem+json');

function client(answers: ((call: Call) => Response)[], onUnauthenticated = vi.fn()) {
  const { fetchFn, calls } = fakeFetch(answers);
  let counter = 0;
  const api = new ApiClient({ token: () => 'TOKEN', fetch: fetchFn, newId: () => `id-${++counter}`, onUnauthenticated });
  return { api, calls, onUnauthenticated };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('requests', () => {
  it('sends the bearer token, a correlation id, the idempotency key and the expected revision', async () => {
    const { api, calls } = client([json(201, { contractId: 'C-1', revision: 3, globalPosition: '17' })]);
    const answer = await api.post('/api/contracts/C-1/payments', { paymentId: 'P-1' }, { idempotencyKey: 'key-1', ifMatch: 2 });
    expect(answer).toEqual({ contractId: 'C-1', revision: 3, globalPosition: '17' });
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers['Authorization']).toBe('Bearer TOKEN');
    expect(headers['X-Correlation-Id']).toBe('id-1');
    expect(headers['Idempotency-Key']).toBe('key-1');
    expect(headers['If-Match']).toBe('"2"');
    expect(headers['Content-Type']).toBe('application/json');
    expect(calls[0].init.body).toBe('{"paymentId":"P-1"}');
  });

  it('leaves empty query values out', async () => {
    const { api, calls } = client([json(200, { items: [] })]);
    await api.get('/api/contracts/C-1/statements', { asOf: undefined, through: '2024-06-15' });
    expect(calls[0].url).toBe('/api/contracts/C-1/statements?through=2024-06-15');
  });
});

describe('problem+json answers become sentences', () => {
  it.each([
    [422, 'PERIOD_NOT_ENDED', 'This month has not ended yet, so it cannot be closed.'],
    [422, 'CHILD_ALREADY_PLACED', 'The child already has a placement in this contract for some of these dates.'],
    [404, 'CONTRACT_NOT_FOUND', 'There is no contract with this reference that you can see.'],
    [412, 'CONCURRENCY', 'Someone else changed this contract while you were working. Reload the page to see the latest version.'],
    [409, 'IDEMPOTENCY_KEY_REUSED', 'This request was already sent with different details. Reload the page and start again.'],
  ])('%i %s', async (status, code, sentence) => {
    const { api } = client([problem(status, code)]);
    const error = await failure(api.post('/api/contracts/C-1/periods/2024-06/close', {}));
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.message).toBe(sentence);
  });

  it('keeps the field errors of a VALIDATION problem', async () => {
    const errors = [{ field: 'terms.fees[0].pricePence', message: 'must be an integer number of pence from 1 to 1000000000000' }];
    const { api } = client([problem(400, 'VALIDATION', { errors })]);
    const error = await failure(api.post('/api/contracts', {}));
    expect(error.fieldErrors).toEqual(errors);
  });

  it('falls back to the server’s detail for a code it does not know', async () => {
    const { api } = client([problem(422, 'SOMETHING_NEW')]);
    expect((await failure(api.get('/api/x'))).message).toBe('server detail for SOMETHING_NEW');
  });

  it('names a failure that is not problem+json by its status', async () => {
    const { api } = client([() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })]);
    const error = await failure(api.get('/api/contracts'));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('Sorry, there is a problem with the service. Try again later.');
  });

  it('says the ledger could not be reached when the network fails', async () => {
    const { api } = client([
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]);
    const error = await failure(api.get('/api/contracts'));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/could not be reached/);
  });

  it('quotes the correlation id the server answered with', async () => {
    const { api } = client([() => new Response(JSON.stringify({ status: 403, code: 'FORBIDDEN' }), { status: 403, headers: { 'X-Correlation-Id': 'server-corr' } })]);
    expect((await failure(api.get('/api/contracts'))).correlationId).toBe('server-corr');
  });

  it('signs the person out on 401', async () => {
    const { api, onUnauthenticated } = client([problem(401, 'UNAUTHENTICATED')]);
    await failure(api.get('/api/contracts'));
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });
});

describe('paging through {items, next}', () => {
  it('reads one page with its cursor and says when there is no next', async () => {
    const { api, calls } = client([json(200, { items: [{ contractId: 'A' }], next: 'c2' }), json(200, { items: [{ contractId: 'B' }] })]);
    expect(await api.page('/api/contracts', { limit: 25 })).toEqual({ items: [{ contractId: 'A' }], next: 'c2' });
    expect(await api.page('/api/contracts', { limit: 25, cursor: 'c2' })).toEqual({ items: [{ contractId: 'B' }], next: null });
    expect(calls.map((call) => call.url)).toEqual(['/api/contracts?limit=25', '/api/contracts?limit=25&cursor=c2']);
  });

  it('follows every page of a stream with `from`, keeping asOf', async () => {
    const { api, calls } = client([json(200, { items: [1, 2], next: 2 }), json(200, { items: [3], next: null })]);
    expect(await api.all('/api/contracts/C/events', { cursorParam: 'from', query: { asOf: '42' } })).toEqual([1, 2, 3]);
    expect(calls.map((call) => call.url)).toEqual(['/api/contracts/C/events?asOf=42&limit=1000', '/api/contracts/C/events?asOf=42&limit=1000&from=2']);
  });

  it('stops at a cursor that does not move, and gives up after the page limit', async () => {
    const stuck = client([json(200, { items: [1], next: 'same' })]);
    expect(await stuck.api.all('/api/x')).toEqual([1, 1]);
    let served = 0;
    const endless = client([() => new Response(JSON.stringify({ items: [0], next: `page-${(served += 1)}` }))]);
    await expect(endless.api.all('/api/x', { maxPages: 3 })).rejects.toThrow(/More than 3000 items/);
  });
});

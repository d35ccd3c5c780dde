import { rateLimit } from './rate-limit';

interface Answer {
  status?: number;
  headers: Record<string, string>;
  body?: string;
}

function call(limit: ReturnType<typeof rateLimit>, caller: { sub: string; org: string } | undefined, ip = '10.0.0.1', error?: unknown): { passed: boolean; error?: unknown; answer: Answer } {
  const answer: Answer = { headers: {} };
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    setHeader: (name: string, value: string) => void (answer.headers[name] = value),
    send: (body: string) => void (answer.body = body),
  };
  const req = { method: 'POST', path: '/api/contracts', headers: {}, ip, ...(caller ? { authenticatedActor: { ...caller, role: 'commissioner' } } : {}) };
  let passed = false;
  let passedError: unknown;
  if (error === undefined) limit.counted(req, res, () => (passed = true));
  else limit.countedOnError(error, req, res, (e) => ((passed = true), (passedError = e)));
  return { passed, error: passedError, answer };
}

describe('rateLimit: a fixed minute per caller', () => {
  const JANE = { sub: 'jane', org: 'LA-A' };
  const MINUTE = 60_000;

  it.each([
    ['within the limit every request passes', 3, [0, 1_000, 2_000], [true, true, true]],
    ['past the limit in one minute the caller is refused', 2, [0, 1_000, 2_000], [true, true, false]],
    ['a new minute starts a new budget', 1, [0, MINUTE - 1, MINUTE], [true, false, true]],
  ] as const)('%s', (_name, perMinute, times, passes) => {
    let now = 0;
    const limit = rateLimit(perMinute, () => now);
    const results = times.map((time) => ((now = time), call(limit, JANE).passed));
    expect(results).toEqual(passes);
  });

  it('answers 429 RATE_LIMITED problem+json with the seconds left in the minute', () => {
    let now = 10 * MINUTE + 45_500;
    const limit = rateLimit(1, () => now);
    call(limit, JANE);
    now += 100;
    const { passed, answer } = call(limit, JANE);
    expect(passed).toBe(false);
    expect(answer.status).toBe(429);
    expect(answer.headers).toEqual({ 'Retry-After': '15', 'Content-Type': 'application/problem+json' });
    expect(JSON.parse(answer.body ?? '{}')).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });

  it('counts callers apart: by org and sub with a token, by address without', () => {
    const limit = rateLimit(1, () => 0);
    expect(call(limit, JANE).passed).toBe(true);
    expect(call(limit, { sub: 'jane', org: 'LA-B' }).passed).toBe(true);
    expect(call(limit, undefined, '10.0.0.1').passed).toBe(true);
    expect(call(limit, undefined, '10.0.0.2').passed).toBe(true);
    expect(call(limit, undefined, '10.0.0.1').passed).toBe(false);
  });

  it('a body too large passes on as 413 without being counted; a malformed body over the budget is 429', () => {
    const limit = rateLimit(1, () => 0);
    const tooLarge = Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 });
    const malformed = Object.assign(new Error('bad json'), { type: 'entity.parse.failed', status: 400 });
    expect(call(limit, JANE, undefined, tooLarge)).toMatchObject({ passed: true, error: tooLarge });
    expect(call(limit, JANE, undefined, malformed)).toMatchObject({ passed: true, error: malformed });
    expect(call(limit, JANE, undefined, malformed)).toMatchObject({ passed: false, answer: { status: 429 } });
  });
});

import { bearerToken, loadExampleFolders, publishExampleFramework, requestForEvent, type TestApi } from '@ledger/testing';
import type { Actor } from '@ledger/kernel';
import { startTestApi } from '../testing/start-test-api';

const COMMISSIONER: Actor = { sub: 'jane.okafor@southwark.gov.uk', role: 'commissioner', org: 'LA-SOUTHWARK' };
const OTHER: Actor = { sub: 'sam@lambeth.gov.uk', role: 'commissioner', org: 'LA-LAMBETH' };
const LIMIT_BYTES = 2048;
const oversized = JSON.stringify({ contractId: 'C-BIG', title: 'x'.repeat(LIMIT_BYTES * 2) });
const example = loadExampleFolders().find((folder) => folder.name.startsWith('01-'));
if (!example) throw new Error('example 01 is missing');
const contractId = (example.events[0].data as { contractId: string }).contractId;

function codeOf(response: { text: string }): string | undefined {
  return (JSON.parse(response.text) as { code?: string }).code;
}

describe('precedence of section 4 before the handlers: 401, then 413, then 429, then 400', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { JSON_BODY_LIMIT_BYTES: String(LIMIT_BYTES), RATE_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(() => api?.close());

  it.each([
    ['an oversized body without a token is 401, not 413', null, oversized, 401, 'UNAUTHENTICATED'],
    ['malformed JSON without a token is 401, not 400', null, '{"contractId": ', 401, 'UNAUTHENTICATED'],
    ['an oversized body with an expired token is 401', 'expired', oversized, 401, 'UNAUTHENTICATED'],
    ['an oversized body with a valid token is 413', COMMISSIONER, oversized, 413, 'PAYLOAD_TOO_LARGE'],
  ] as const)('%s', async (_name, who, raw, status, code) => {
    const test = (who === 'expired' ? api.send('POST', '/api/contracts', { raw, headers: { Authorization: `Bearer ${bearerToken(COMMISSIONER, { expiresIn: -60 })}` } }) : api.send('POST', '/api/contracts', { actor: who, raw }));
    const response = await test;
    expect({ status: response.status, code: codeOf(response) }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('a rate-limited caller still gets 413 for an oversized body, and 429 before 400 for malformed JSON', async () => {
    const caller: Actor = { sub: 'busy@lambeth.gov.uk', role: 'commissioner', org: 'LA-LAMBETH' };
    for (let i = 0; i < 2; i++) expect((await api.send('GET', '/api/contracts', { actor: caller })).status).toBe(200);
    const tooLarge = await api.send('POST', '/api/contracts', { actor: caller, raw: oversized });
    expect({ status: tooLarge.status, code: codeOf(tooLarge) }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const malformed = await api.send('POST', '/api/contracts', { actor: caller, raw: '{"contractId": ' });
    expect({ status: malformed.status, code: codeOf(malformed) }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  });
});

describe('rate limit per caller (RATE_LIMIT_PER_MINUTE)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => api?.close());

  it('answers 429 RATE_LIMITED with Retry-After past the limit, to that caller only', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.send('GET', '/api/contracts', { actor: COMMISSIONER })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api.send('GET', '/api/outcome-framework', { actor: COMMISSIONER });
    expect({ status: limited.status, code: codeOf(limited) }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another user of the same organisation has a budget of its own.
    expect((await api.send('GET', '/api/contracts', { actor: { ...COMMISSIONER, sub: 'colleague@southwark.gov.uk' } })).status).toBe(200);
    expect((await api.send('GET', '/api/contracts', { actor: OTHER })).status).toBe(200);
  });
});

describe('an oversized replay of an Idempotency-Key', () => {
  const LIMIT = 16 * 1024;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  beforeAll(async () => {
    api = await startTestApi({ env: { JSON_BODY_LIMIT_BYTES: String(LIMIT) } });
  });
  afterAll(() => api?.close());

  // A body over the limit is never read, so it cannot be told apart from the key's first body; and it cannot be
  // that body, which was read within the same limit. The key is left as it was: its own body still replays.
  it('is 413 PAYLOAD_TOO_LARGE, appends nothing, and leaves the key replaying its first answer', async () => {
    const draft = requestForEvent(example.events[0], contractId);
    if (!draft) throw new Error('no draft request');
    const headers = { 'Idempotency-Key': 'oversized-replay-1' };
    const first = await api.send('POST', '/api/contracts', { actor: COMMISSIONER, body: draft.body, headers });
    expect(first.status).toBe(201);
    const revision = await api.store.streamRevision(`contract-${contractId}`);
    const padded = JSON.stringify({ ...(draft.body as Record<string, unknown>), title: 'x'.repeat(LIMIT) });
    const oversizedReplay = await api.send('POST', '/api/contracts', { actor: COMMISSIONER, raw: padded, headers });
    expect({ status: oversizedReplay.status, code: codeOf(oversizedReplay) }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await api.store.streamRevision(`contract-${contractId}`)).toBe(revision);
    const replay = await api.send('POST', '/api/contracts', { actor: COMMISSIONER, body: draft.body, headers });
    expect({ status: replay.status, body: replay.body as unknown }).toEqual({ status: 201, body: first.body as unknown });
  });
});

describe('the rate limit is counted per API process', () => {
  let first: Awaited<ReturnType<typeof startTestApi>>;
  let second: TestApi;
  beforeAll(async () => {
    first = await startTestApi({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    second = await startTestApi({ store: first.store, env: { RATE_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  // Documented in docs/security.md: with N processes behind a balancer a caller gets up to N times the limit.
  it('a caller refused by one process is still answered by another on the same store, up to its own limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await first.send('GET', '/api/contracts', { actor: COMMISSIONER })).status);
    for (let i = 0; i < 3; i++) statuses.push((await second.send('GET', '/api/contracts', { actor: COMMISSIONER })).status);
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
  });
});

describe('security headers and answers without internals', () => {
  let api: TestApi;
  let production: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    production = await startTestApi({ env: { NODE_ENV: 'production', LEDGER_CLOCK_HEADER: 'false' } });
  });
  afterAll(async () => {
    await api?.close();
    await production?.close();
  });

  it.each([
    ['an API answer', '/api/contracts', COMMISSIONER],
    ['a refusal', '/api/contracts', null],
    ['health', '/health', null],
    ['an unknown route', '/api/no-such-route', COMMISSIONER],
  ] as const)('%s carries nosniff, frame denial, no referrer and a CSP that loads nothing', async (_name, url, actor) => {
    const response = await api.send('GET', url, { actor });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('the web app at / allows its own scripts only (no inline script), and no framing', async () => {
    const response = await api.send('GET', '/');
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('/docs gets the relaxed CSP Swagger UI needs, on its path only', async () => {
    const docs = await api.send('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('production answers carry HSTS', async () => {
    const response = await production.send('GET', '/health');
    expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
  });

  it('an unexpected failure answers 500 INTERNAL without a stack trace or the error message', async () => {
    const broken = await startTestApi();
    try {
      await broken.store.close();
      const response = await broken.send('GET', `/api/contracts/${contractId}`, { actor: COMMISSIONER });
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Object.keys(JSON.parse(response.text)).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
      expect(response.text).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules|Error:/);
    } finally {
      await broken.app.close().catch(() => undefined);
    }
  });
});

describe('JSON request logs: one line per request, a correlation id, never a body', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let lines: string[] = [];
  let spy: jest.SpyInstance;
  beforeAll(async () => {
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter((line) => line !== ''));
      return true;
    });
    api = await startTestApi({ env: { REQUEST_LOG: 'json' } });
    await publishExampleFramework(api);
  });
  beforeEach(() => {
    lines = [];
  });
  afterAll(async () => {
    spy.mockRestore();
    await api?.close();
  });

  function requestLines(): Record<string, unknown>[] {
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry['msg'] === 'request');
  }

  it('logs method, path, status, duration, caller and the correlation id it echoes', async () => {
    const response = await api.send('GET', '/api/contracts?limit=5', { actor: COMMISSIONER, headers: { 'X-Correlation-Id': 'corr-123' } });
    expect(response.headers['x-correlation-id']).toBe('corr-123');
    const [entry] = requestLines();
    expect(entry).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      msg: 'request',
      method: 'GET',
      path: '/api/contracts',
      status: 200,
      durationMs: expect.any(Number),
      correlationId: 'corr-123',
      sub: COMMISSIONER.sub,
      org: COMMISSIONER.org,
    });
    expect(requestLines()).toHaveLength(1);
  });

  it('generates a correlation id when none is sent, echoes it, logs it and stamps it on the appended events', async () => {
    const draft = requestForEvent(example.events[0], contractId);
    if (!draft) throw new Error('no draft request');
    const response = await api.send(draft.method, draft.path, { actor: example.events[0].metadata.actor, now: example.events[0].metadata.recordedAt, body: draft.body });
    expect(response.status).toBe(201);
    const correlationId = response.headers['x-correlation-id'] as string;
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines().map((entry) => entry['correlationId'])).toEqual([correlationId]);
    const [event] = await api.store.readStream(`contract-${contractId}`, { maxCount: 1 });
    expect(event.metadata.correlationId).toBe(correlationId);
  });

  it('keeps child data out: a placement body (childRef, dates) and its query string never reach the log', async () => {
    const placements = example.events.filter((event) => event.type === 'PlacementStarted');
    const upTo = example.events.indexOf(placements[0]);
    const childRefs = new Set<string>();
    for (const event of example.events.slice(1, upTo + 1)) {
      const sent = requestForEvent(event, contractId);
      if (!sent) continue;
      if (typeof sent.body['childRef'] === 'string') childRefs.add(sent.body['childRef']);
      const answer = await api.send(sent.method, `${sent.path}?note=secret-query`, { actor: event.metadata.actor, now: event.metadata.recordedAt, body: sent.body });
      expect(answer.status).toBeLessThan(300);
    }
    const rejected = await api.send('POST', `/api/contracts/${contractId}/placements`, { actor: COMMISSIONER, body: { childRef: 'CH-SECRET-9', childName: 'Alex Example' } });
    expect(rejected.status).toBe(400);
    expect(childRefs.size).toBeGreaterThan(0);
    const text = lines.join('\n');
    expect(requestLines().length).toBeGreaterThan(childRefs.size);
    for (const childRef of [...childRefs, 'CH-SECRET-9', 'Alex Example', 'secret-query']) expect(text).not.toContain(childRef);
  });
});

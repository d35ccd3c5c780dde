import { answerOnce, writeRequestOf } from './answer-once';
import type { Caller } from './caller';
import { InMemoryIdempotencyStore } from './idempotency-store';

const caller: Caller = { actor: { sub: 'jane', role: 'commissioner', org: 'LA-1' }, now: { recordedAt: '2024-05-01T10:00:00.000Z', today: '2024-05-01' }, correlationId: 'c-1' };
const other: Caller = { ...caller, actor: { ...caller.actor, sub: 'john' } };

describe('answerOnce (Idempotency-Key, spec section 7)', () => {
  it('without a key runs the command with a new UUID as its id, every time', async () => {
    const ids: string[] = [];
    const store = new InMemoryIdempotencyStore();
    for (let i = 0; i < 2; i++) await answerOnce(store, caller, { method: 'POST', path: '/x', body: {} }, async (id) => (ids.push(id), { status: 200, body: {} }));
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('with a key: the key is the command id; the same request again answers the first answer without running', async () => {
    const store = new InMemoryIdempotencyStore();
    const request = { method: 'POST', path: '/api/contracts/C-1/signatures', body: { a: 1 }, idempotencyKey: 'k-1' };
    const runs: string[] = [];
    const run = async (id: string) => (runs.push(id), { status: 200, body: { revision: runs.length }, etag: `"${runs.length}"` });
    const first = await answerOnce(store, caller, request, run);
    const again = await answerOnce(store, caller, { ...request, body: { a: 1 } }, run);
    expect(runs).toEqual(['k-1']);
    expect(again).toEqual(first);
  });

  it('the same key with another request is IDEMPOTENCY_KEY_REUSED; another caller has its own keys', async () => {
    const store = new InMemoryIdempotencyStore();
    const request = { method: 'POST', path: '/p', body: { a: 1 }, idempotencyKey: 'k-1' };
    await answerOnce(store, caller, request, async () => ({ status: 201, body: {} }));
    await expect(answerOnce(store, caller, { ...request, body: { a: 2 } }, async () => ({ status: 201, body: {} }))).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(answerOnce(store, other, { ...request, body: { a: 2 } }, async () => ({ status: 201, body: { mine: true } }))).resolves.toEqual({ status: 201, body: { mine: true } });
  });

  it('a refused command is not kept: its retry runs again', async () => {
    const store = new InMemoryIdempotencyStore();
    const request = { method: 'POST', path: '/p', body: {}, idempotencyKey: 'k-2' };
    await expect(answerOnce(store, caller, request, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(answerOnce(store, caller, request, async () => ({ status: 200, body: 'ok' }))).resolves.toEqual({ status: 200, body: 'ok' });
  });

  it.each(['', 'x'.repeat(201), 'has space'])('a key %j is 400 VALIDATION', async (key) => {
    await expect(answerOnce(new InMemoryIdempotencyStore(), caller, { method: 'POST', path: '/p', body: {}, idempotencyKey: key }, async () => ({ status: 200, body: {} }))).rejects.toMatchObject({
      code: 'VALIDATION',
      errors: [{ field: 'Idempotency-Key', message: expect.any(String) }],
    });
  });

  it('writeRequestOf takes the path without its query and the Idempotency-Key header', () => {
    expect(writeRequestOf({ method: 'POST', url: '/a?b=1', originalUrl: '/api/a?b=1', body: { x: 1 }, headers: { 'idempotency-key': 'k' } })).toEqual({ method: 'POST', path: '/api/a', body: { x: 1 }, idempotencyKey: 'k' });
  });
});

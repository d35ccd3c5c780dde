import { randomUUID } from 'node:crypto';
import { canonicalJson, reject, sha256Hex } from '@ledger/kernel';
import type { Caller } from './caller';
import type { IdempotencyStore } from './idempotency-store';

/** What a write answers: its status, body and `ETag`, kept whole for an `Idempotency-Key` replay. */
export interface CommandAnswer {
  status: number;
  body: unknown;
  etag?: string;
}

export interface WriteRequest {
  method: string;
  path: string;
  body: unknown;
  idempotencyKey?: string;
}

/**
 * Spec section 7 and 9: a request with an `Idempotency-Key` the caller used before answers as the first time
 * (second in the precedence of section 4, before any check of the body); the same key with another request is
 * 409 IDEMPOTENCY_KEY_REUSED. The command's id is the key, else a new UUID; event ids derive from it.
 */
export async function answerOnce(
  store: IdempotencyStore,
  caller: Caller,
  request: WriteRequest,
  run: (commandId: string) => Promise<CommandAnswer>,
): Promise<CommandAnswer> {
  const key = request.idempotencyKey;
  if (key === undefined) return run(randomUUID());
  if (key.length === 0 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw reject('VALIDATION', 'Idempotency-Key must be 1 to 200 visible ASCII characters', [{ field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }]);
  }
  const requestHash = sha256Hex(canonicalJson({ method: request.method.toUpperCase(), path: request.path, body: request.body ?? null }));
  const first = await store.find(caller.actor, key);
  if (first) {
    if (first.requestHash !== requestHash) throw reject('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request');
    return { status: first.status, body: first.body, ...(first.etag === undefined ? {} : { etag: first.etag }) };
  }
  const answer = await run(key);
  await store.save(caller.actor, key, { requestHash, ...answer });
  return answer;
}

/** The parts of an Express request the write routes read. */
export interface HttpRequest {
  method: string;
  originalUrl?: string;
  url: string;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** The parts of an HTTP request that identify a write for `answerOnce`. */
export function writeRequestOf(request: HttpRequest): WriteRequest {
  const key = request.headers['idempotency-key'];
  const idempotencyKey = Array.isArray(key) ? key[0] : key;
  return {
    method: request.method,
    path: (request.originalUrl ?? request.url).split('?')[0],
    body: request.body,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  };
}

/** The parts of an Express response the write routes set. */
export interface HttpResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

/** Sets the status and `ETag` of an answer on the response; the body is returned for Nest to send. */
export function sendAnswer(response: HttpResponse, answer: CommandAnswer): unknown {
  response.status(answer.status);
  if (answer.etag !== undefined) response.setHeader('ETag', answer.etag);
  return answer.body;
}

import { ArgumentsHost, BadRequestException, ForbiddenException, Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { ConcurrencyError, IdempotencyKeyReusedError } from '@ledger/event-store';
import { reject } from '@ledger/kernel';
import { ProblemFilter } from './problem.filter';

interface Sent {
  status?: number;
  headers: Record<string, string>;
  body?: string;
}

function answerTo(exception: unknown): { sent: Sent; body: Record<string, unknown> } {
  const sent: Sent = { headers: {} };
  const adapter = {
    isHeadersSent: () => false,
    setHeader: (_response: unknown, name: string, value: string) => (sent.headers[name] = value),
    reply: (_response: unknown, body: string, status: number) => Object.assign(sent, { body, status }),
  };
  const host = { switchToHttp: () => ({ getResponse: () => ({}) }) } as unknown as ArgumentsHost;
  new ProblemFilter({ httpAdapter: adapter } as unknown as HttpAdapterHost).catch(exception, host);
  return { sent, body: JSON.parse(sent.body ?? 'null') };
}

describe('ProblemFilter: every failure leaves as application/problem+json (RFC 9457)', () => {
  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  it.each([
    { name: "a decider's rejection takes its status from the table of spec section 7", thrown: reject('CHILD_ALREADY_PLACED', 'CH-1 is placed'), status: 422, code: 'CHILD_ALREADY_PLACED' },
    { name: 'a rejection keeps its field errors', thrown: reject('VALIDATION', 'bad', [{ field: 'startDate', message: 'not a date' }]), status: 400, code: 'VALIDATION' },
    { name: 'an id stored with other content', thrown: new IdempotencyKeyReusedError('e-1'), status: 409, code: 'IDEMPOTENCY_KEY_REUSED' },
    { name: 'a stale expected revision', thrown: new ConcurrencyError('contract-X', 3, 4), status: 412, code: 'CONCURRENCY' },
    { name: "a Nest 403 from a guard", thrown: new ForbiddenException('auditors write nothing'), status: 403, code: 'FORBIDDEN' },
    { name: 'a Nest 400 from a pipe', thrown: new BadRequestException(['a must be a string', 'b is required']), status: 400, code: 'VALIDATION' },
  ])('$name: $status $code', ({ thrown, status, code }) => {
    const { sent, body } = answerTo(thrown);
    expect(sent.status).toBe(status);
    expect(sent.headers['Content-Type']).toBe('application/problem+json');
    expect(body).toMatchObject({ status, code, type: `urn:ledger:problem:${code.toLowerCase().replace(/_/g, '-')}` });
  });

  it('field errors of a VALIDATION rejection are passed on', () => {
    const { body } = answerTo(reject('VALIDATION', 'bad', [{ field: 'startDate', message: 'not a date' }]));
    expect(body['errors']).toEqual([{ field: 'startDate', message: 'not a date' }]);
  });

  it('a bug answers 500 INTERNAL and tells nothing of its cause or stack', () => {
    const { sent, body } = answerTo(new TypeError("Cannot read properties of undefined (reading 'terms') at /srv/app/x.ts:12"));
    expect(sent.status).toBe(500);
    expect(body).toEqual({
      type: 'urn:ledger:problem:internal',
      title: 'Internal',
      status: 500,
      code: 'INTERNAL',
      detail: 'An unexpected error occurred; it has been logged.',
    });
  });
});

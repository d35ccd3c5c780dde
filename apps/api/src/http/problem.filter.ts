import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { httpStatusOf, isErrorCode, type ErrorCode } from '@ledger/contracts-domain';
import { ConcurrencyError, IdempotencyKeyReusedError } from '@ledger/event-store';
import { isRejection } from '@ledger/kernel';

/** RFC 9457 problem details, with the stable `code` of spec section 7. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: readonly { field: string; message: string }[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The code of an HTTP error raised outside the domain (routing, parsing, guards), by status. */
const CODE_BY_STATUS: Readonly<Record<number, ErrorCode | 'UNAVAILABLE'>> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  412: 'CONCURRENCY',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

export function problem(status: number, code: string, detail: string, errors?: Problem['errors']): Problem {
  return {
    type: `urn:ledger:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: titleOf(code),
    status,
    code,
    detail,
    ...(errors === undefined ? {} : { errors }),
  };
}

/** The one place where an error becomes an HTTP answer: every failure leaves as `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const body = this.toProblem(exception);
    if (httpAdapter.isHeadersSent(response)) return;
    httpAdapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    httpAdapter.reply(response, JSON.stringify(body), body.status);
  }

  private toProblem(exception: unknown): Problem {
    // A handler may throw the decider's rejection as it is; its status comes from the one table of spec section 7.
    if (isRejection(exception) && isErrorCode(exception.code)) {
      return problem(httpStatusOf(exception.code), exception.code, exception.message, exception.errors);
    }
    if (exception instanceof IdempotencyKeyReusedError) return problem(409, 'IDEMPOTENCY_KEY_REUSED', exception.message);
    if (exception instanceof ConcurrencyError) return problem(412, 'CONCURRENCY', exception.message);
    if (exception instanceof MalformedJsonError) return problem(400, 'MALFORMED_JSON', `The request body is not valid JSON: ${exception.message}`);
    const parserError = bodyParserError(exception);
    if (parserError?.type === 'entity.too.large') {
      return problem(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${parserError.limit} bytes.`);
    }
    if (parserError !== undefined && parserError.status >= 400 && parserError.status < 500) {
      return problem(parserError.status, CODE_BY_STATUS[parserError.status] ?? `HTTP_${parserError.status}`, parserError.message);
    }
    if (exception instanceof HttpException && exception.getStatus() !== HttpStatus.INTERNAL_SERVER_ERROR) {
      const status = exception.getStatus();
      return problem(status, CODE_BY_STATUS[status] ?? `HTTP_${status}`, detailOf(exception));
    }
    // Details of a bug stay in the server's log: the caller learns only that it happened.
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'An unexpected error occurred; it has been logged.');
  }
}

/**
 * Nest turns the JSON parser's `SyntaxError` into a bare `BadRequestException`, losing what it was; the middleware
 * below, installed right after the parser, renames it first so the filter can answer MALFORMED_JSON.
 */
export class MalformedJsonError extends Error {
  override name = 'MalformedJsonError';
}

export function markMalformedJson(error: unknown, _request: unknown, _response: unknown, next: (error: unknown) => void): void {
  next(bodyParserError(error)?.type === 'entity.parse.failed' ? new MalformedJsonError((error as Error).message) : error);
}

interface BodyParserError {
  type: string;
  status: number;
  message: string;
  limit?: number;
}

/** body-parser's errors (from the `http-errors` package) carry a `type` such as `entity.parse.failed`. */
function bodyParserError(exception: unknown): BodyParserError | undefined {
  if (!(exception instanceof Error)) return undefined;
  const candidate = exception as Error & Partial<BodyParserError>;
  return typeof candidate.type === 'string' && typeof candidate.status === 'number' ? (candidate as BodyParserError) : undefined;
}

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function titleOf(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ').replace(/\bjson\b/, 'JSON');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

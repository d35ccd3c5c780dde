import { randomUUID } from 'node:crypto';
import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Actor } from '@ledger/kernel';
import { Clock, CLOCK_HEADER, type RequestNow } from './clock';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/** Who is asking and when: what every handler of a signed-in route receives. */
export interface Caller {
  actor: Actor;
  now: RequestNow;
  /** `X-Correlation-Id` of the request, or a new UUID. */
  correlationId: string;
}

interface LedgerRequest {
  headers: Record<string, string | string[] | undefined>;
  caller?: Caller;
}

export function headerOf(request: { headers: Record<string, string | string[] | undefined> }, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Every `/api` route but the development token's: 401 UNAUTHENTICATED without a valid bearer token (first in the
 * precedence of spec section 4), then the request's clock (an unreadable `X-Ledger-Now` is 400 VALIDATION).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    let actor: Actor;
    try {
      actor = await this.verifier.verify(headerOf(request, 'authorization'));
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    const correlation = headerOf(request, 'x-correlation-id');
    request.caller = {
      actor,
      now: this.clock.now(headerOf(request, CLOCK_HEADER)),
      correlationId: correlation !== undefined && correlation.length > 0 && correlation.length <= 200 ? correlation : randomUUID(),
    };
    return true;
  }
}

/** The signed-in caller of a route guarded by `AuthGuard`. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<LedgerRequest>().caller;
  if (!caller) throw new Error('CurrentCaller on a route without AuthGuard');
  return caller;
});

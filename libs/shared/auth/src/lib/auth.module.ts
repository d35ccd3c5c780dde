import { DynamicModule, Module } from '@nestjs/common';
import { sqlDatabaseOf, type EventStore } from '@ledger/event-store';
import { AuthGuard } from './caller';
import { Clock } from './clock';
import { InMemoryIdempotencyStore, SqlIdempotencyStore, type IdempotencyStore } from './idempotency-store';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';

export const IDEMPOTENCY_STORE = 'IdempotencyStore';

export interface AuthModuleOptions {
  tokens: TokenVerifierOptions;
  /** LEDGER_CLOCK_HEADER=true: `X-Ledger-Now` sets a request's clock. */
  clockHeader: boolean;
  /** Where `Idempotency-Key` answers are kept: the store's own database when it has one. */
  store: EventStore;
  clock?: Clock;
}

/** The caller (bearer token), the request's clock and its `Idempotency-Key` memory, for every feature module. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const database = sqlDatabaseOf(options.store);
    const idempotency: IdempotencyStore = database ? new SqlIdempotencyStore(database) : new InMemoryIdempotencyStore();
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(options.tokens) },
        { provide: Clock, useValue: options.clock ?? new Clock(options.clockHeader) },
        { provide: IDEMPOTENCY_STORE, useValue: idempotency },
        AuthGuard,
      ],
      exports: [TokenVerifier, Clock, IDEMPOTENCY_STORE, AuthGuard],
    };
  }
}

import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditFeatureModule } from '@ledger/audit-feature';
import { AuthModule } from '@ledger/auth';
import { ContractsFeatureModule } from '@ledger/contracts-feature';
import { EntitlementsFeatureModule } from '@ledger/entitlements-feature';
import type { EventStore } from '@ledger/event-store';
import { OutcomeFrameworkFeatureModule } from '@ledger/outcome-framework-feature';
import { devJwtSecret } from './auth/dev-secret';
import { DEV_TOKEN_SECRET, DevTokenController } from './auth/dev-token.controller';
import { SIGN_IN_CONFIG, SignInController, signInOptions } from './auth/sign-in.controller';
import type { AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { EVENT_STORE, eventStoreProviders } from './store/event-store.provider';

/** Injection token of the configuration read once at start. */
export const APP_CONFIG = 'AppConfig';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, store: EventStore): DynamicModule {
    const production = config.nodeEnv === 'production';
    // Read (and, when unset, generated into the data folder) at the first development token, not at start.
    let secret: string | undefined;
    const devSecret = () => (secret ??= devJwtSecret(config));
    return {
      module: AppModule,
      global: true,
      imports: [
        CqrsModule.forRoot(),
        AuthModule.forRoot({
          // Section 9: in production only the identity provider's tokens; outside it, development tokens too.
          tokens: {
            ...(production ? {} : { hs256Secret: devSecret }),
            ...(config.jwksUrl === undefined ? {} : { jwksUrl: config.jwksUrl }),
            ...(config.tokenIssuer === undefined ? {} : { issuer: config.tokenIssuer }),
            ...(config.tokenAudience === undefined ? {} : { audience: config.tokenAudience }),
          },
          clockHeader: config.clockHeader,
          store,
        }),
        OutcomeFrameworkFeatureModule.forRoot(store),
        ContractsFeatureModule.forRoot(store),
        // The projections run in every process; on PostgreSQL the processes elect one leader to run them.
        EntitlementsFeatureModule.forRoot({ store, ...leaderDatabase(config) }),
        AuditFeatureModule.forRoot(store),
      ],
      controllers: [HealthController, SignInController, ...(production ? [] : [DevTokenController])],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: SIGN_IN_CONFIG, useValue: signInOptions(config) },
        ...eventStoreProviders(store),
        { provide: APP_FILTER, useClass: ProblemFilter },
        ...(production ? [] : [{ provide: DEV_TOKEN_SECRET, useValue: devSecret }]),
      ],
      exports: [APP_CONFIG, EVENT_STORE],
    };
  }
}

/** The PostgreSQL database the workers elect their leader on: the store's, or the read models' beside EventStoreDB. */
function leaderDatabase(config: AppConfig): { leaderConnectionString?: string } {
  if (config.store.kind === 'postgres') return { leaderConnectionString: config.store.connectionString };
  if (config.store.kind === 'esdb') return { leaderConnectionString: config.store.databaseUrl };
  return {};
}

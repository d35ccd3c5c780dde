import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthGuard, CurrentCaller, type Caller } from '@ledger/auth';
import type { Actor } from '@ledger/kernel';
import type { AppConfig, OidcConfig } from '../config/app-config';

export const SIGN_IN_CONFIG = 'SignInConfig';

/** What the sign-in page needs to know before anyone is signed in (ADR 0009). */
export interface SignInOptions {
  /** `POST /api/dev/token` exists (never in production). */
  developmentTokens: boolean;
  oidc?: OidcConfig;
}

export function signInOptions(config: Pick<AppConfig, 'nodeEnv' | 'oidc'>): SignInOptions {
  return { developmentTokens: config.nodeEnv !== 'production', ...(config.oidc === undefined ? {} : { oidc: config.oidc }) };
}

@ApiTags('sign-in')
@Controller('api/auth')
export class SignInController {
  constructor(@Inject(SIGN_IN_CONFIG) private readonly options: SignInOptions) {}

  /** Public, like a discovery document: an issuer and a client id are not secrets. */
  @Get('config')
  @ApiOkResponse({ description: '`{developmentTokens, oidc?: {issuer, clientId, redirectUri?, scopes, bearer}}`: how the web app signs people in.' })
  config(): SignInOptions {
    return this.options;
  }

  /** The caller as the API verified the token: the web app's last check of a token the identity provider issued. */
  @Get('me')
  @ApiBearerAuth()
  @UseGuards(AuthGuard)
  @ApiOkResponse({ description: '`{sub, role, org}` of the bearer token.' })
  me(@CurrentCaller() caller: Caller): Actor {
    return caller.actor;
  }
}

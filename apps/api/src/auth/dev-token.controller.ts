import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { isValidId, reject } from '@ledger/kernel';
import { ROLES, signDevToken, type Role } from './dev-token';

export const DEV_TOKEN_SECRET = 'DevTokenSecret';
const TTL_SECONDS = 8 * 3600;

/**
 * `POST /api/dev/token {role, org, sub?}` -> `{token}`: what `ledger token` prints, for the web app's sign-in
 * outside production. The app module does not mount it in production, where the route is 404.
 */
@ApiTags('development')
@Controller('api/dev/token')
export class DevTokenController {
  constructor(@Inject(DEV_TOKEN_SECRET) private readonly secret: () => string) {}

  @Post()
  @HttpCode(200)
  issue(@Body() body: unknown): { token: string } {
    const record = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    const errors = Object.keys(record)
      .filter((key) => !['role', 'org', 'sub'].includes(key))
      .map((key) => ({ field: key, message: 'is not a member of this request' }));
    if (!(ROLES as readonly unknown[]).includes(record['role'])) errors.push({ field: 'role', message: `must be one of ${ROLES.join(', ')}` });
    if (!isValidId(record['org'])) errors.push({ field: 'org', message: 'must be an organisation id' });
    const sub = record['sub'];
    if (sub !== undefined && (typeof sub !== 'string' || sub === '' || sub.length > 500)) errors.push({ field: 'sub', message: 'must be a string of 1 to 500 characters' });
    if (errors.length > 0) throw reject('VALIDATION', 'the request body is not valid', errors);
    const role = record['role'] as Role;
    const org = record['org'] as string;
    const iat = Math.floor(Date.now() / 1000);
    return { token: signDevToken({ sub: typeof sub === 'string' ? sub : `${role}@${org}`, role, org, iat, exp: iat + TTL_SECONDS }, this.secret()) };
  }
}

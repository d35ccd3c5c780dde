import { devJwtSecret, loadConfig, ROLES, signDevToken, type Role } from '@ledger/api';
import { isValidId } from '@ledger/kernel';
import { parseCommandLine, UsageError, type Command } from '../lib/command';

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const MAX_TTL_SECONDS = 30 * 86_400;

export const tokenCommand: Command = {
  summary: 'print a development bearer token',
  help: `
Usage: ledger token --role ROLE --org ORG [--sub SUB] [--ttl DURATION] [--json]

Prints an HS256 bearer token for the API outside production, signed with AUTH_JWT_SECRET or, when
that is unset, the secret generated once into DATA_DIR/dev-jwt-secret (mode 600). Refused when
NODE_ENV=production.

Options:
  --role ROLE       commissioner, provider, auditor or admin
  --org ORG         the caller's organisation id, e.g. LA-SOUTHWARK or PRV-BRIGHTFUTURES
  --sub SUB         the subject (default: <role>@<org>)
  --ttl DURATION    lifetime: 90s, 30m, 8h or 7d; at most 30d (default 8h)
  --json            print {token, claims} as JSON instead of the bare token
  -h, --help        show this help

Example:
  curl -H "Authorization: Bearer $(npx ledger token --role commissioner --org LA-SOUTHWARK)" localhost:3000/api/contracts
`,
  async run(args, io) {
    const parsed = parseCommandLine(
      args,
      { role: { type: 'string' }, org: { type: 'string' }, sub: { type: 'string' }, ttl: { type: 'string' }, json: { type: 'boolean' } },
      this,
      io,
    );
    if (parsed === undefined) return 0;
    const { role, org, sub, ttl, json } = parsed.values;
    if (role === undefined || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    if (org === undefined || !isValidId(org)) throw new UsageError('--org must be an organisation id like LA-SOUTHWARK (letters, digits, . _ -)');
    if (sub !== undefined && (sub === '' || sub.length > 500)) throw new UsageError('--sub must be 1 to 500 characters');

    const secret = devJwtSecret(loadConfig(io.env, io.cwd));
    const iat = Math.floor(Date.now() / 1000);
    const claims = { sub: sub ?? `${role}@${org}`, role: role as Role, org, iat, exp: iat + ttlSeconds(ttl ?? '8h') };
    const token = signDevToken(claims, secret);
    io.out(json ? `${JSON.stringify({ token, claims }, null, 2)}\n` : `${token}\n`);
    return 0;
  },
};

function ttlSeconds(text: string): number {
  const match = /^([1-9]\d{0,6})([smhd])$/.exec(text);
  const seconds = match ? Number(match[1]) * TTL_UNITS[match[2]] : NaN;
  if (!(seconds <= MAX_TTL_SECONDS)) throw new UsageError(`--ttl must be a duration like 90s, 30m, 8h or 7d, at most 30d (got '${text}')`);
  return seconds;
}

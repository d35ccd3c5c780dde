import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runLedger, STACK_FRAME } from '../testing/run-ledger';

function decode(token: string, secret: string) {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(payload, 'base64url').toString()),
    signedWithSecret: signature === expected,
  };
}

describe('ledger token: development bearer tokens', () => {
  let dataDir: string;
  const env = () => ({ DATA_DIR: dataDir, NODE_ENV: 'development', AUTH_JWT_SECRET: '' });

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-token-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('signs HS256 with a secret generated once into the data folder, mode 600, and reused', async () => {
    const started = Math.floor(Date.now() / 1000);
    const first = await runLedger(['token', '--role', 'commissioner', '--org', 'LA-SOUTHWARK', '--ttl', '30m'], { env: env() });
    expect(first.code).toBe(0);
    const secretFile = path.join(dataDir, 'dev-jwt-secret');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = readFileSync(secretFile, 'utf8').trim();
    const token = decode(first.stdout.trim(), secret);
    expect(token.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(token.signedWithSecret).toBe(true);
    expect(token.claims).toMatchObject({ sub: 'commissioner@LA-SOUTHWARK', role: 'commissioner', org: 'LA-SOUTHWARK' });
    expect(token.claims.exp - token.claims.iat).toBe(1800);
    expect(token.claims.iat).toBeGreaterThanOrEqual(started);

    const second = await runLedger(['token', '--role', 'provider', '--org', 'PRV-BRIGHTFUTURES', '--sub', 'sam', '--json'], { env: env() });
    expect(second.code).toBe(0);
    const printed = JSON.parse(second.stdout);
    expect(printed.claims).toMatchObject({ sub: 'sam', role: 'provider', org: 'PRV-BRIGHTFUTURES' });
    expect(printed.claims.exp - printed.claims.iat).toBe(8 * 3600);
    expect(decode(printed.token, readFileSync(secretFile, 'utf8').trim()).signedWithSecret).toBe(true);
  });

  it('AUTH_JWT_SECRET, when set, is the secret', async () => {
    const secret = 's'.repeat(40);
    const run = await runLedger(['token', '--role', 'auditor', '--org', 'NAO'], { env: { ...env(), AUTH_JWT_SECRET: secret } });
    expect(run.code).toBe(0);
    expect(decode(run.stdout.trim(), secret).signedWithSecret).toBe(true);
  });

  it.each([
    { name: 'in production it refuses', args: ['--role', 'admin', '--org', 'DFE'], extra: { NODE_ENV: 'production' }, code: 1, message: 'disabled in production' },
    { name: 'an unknown role', args: ['--role', 'boss', '--org', 'DFE'], extra: {}, code: 2, message: '--role must be one of commissioner, provider, auditor, admin' },
    { name: 'no org', args: ['--role', 'admin'], extra: {}, code: 2, message: '--org must be an organisation id' },
    { name: 'a ttl without a unit', args: ['--role', 'admin', '--org', 'DFE', '--ttl', '3600'], extra: {}, code: 2, message: '--ttl must be a duration' },
    { name: 'a ttl over 30 days', args: ['--role', 'admin', '--org', 'DFE', '--ttl', '31d'], extra: {}, code: 2, message: 'at most 30d' },
    { name: 'a bad environment', args: ['--role', 'admin', '--org', 'DFE'], extra: { NODE_ENV: 'staging' }, code: 1, message: 'NODE_ENV must be' },
  ])('$name: exit $code, a message, no token, no stack trace', async ({ args, extra, code, message }) => {
    const run = await runLedger(['token', ...args], { env: { ...env(), ...extra } });
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

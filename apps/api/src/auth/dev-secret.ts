import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '../config/app-config';

export const DEV_SECRET_FILE = 'dev-jwt-secret';

export class ProductionSecretError extends Error {
  constructor() {
    super('Development tokens are disabled in production (NODE_ENV=production): use tokens from the identity provider');
    this.name = 'ProductionSecretError';
  }
}

/**
 * The HS256 secret outside production: `AUTH_JWT_SECRET`, else one generated on first use into the data folder
 * (mode 600), so `ledger token` and the server agree without anyone choosing a secret.
 */
export function devJwtSecret(config: Pick<AppConfig, 'nodeEnv' | 'dataDir' | 'jwtSecret'>): string {
  if (config.nodeEnv === 'production') throw new ProductionSecretError();
  if (config.jwtSecret !== undefined) return config.jwtSecret;
  const file = path.join(config.dataDir, DEV_SECRET_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // `wx` makes creation atomic: of two processes starting together, one writes and both read the same secret.
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

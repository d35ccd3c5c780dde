// What the `ledger` command uses. Kept light: the server and Nest load only when `serve` asks for them.
export { ConfigError, describeStore, loadConfig, type AppConfig, type StoreConfig } from './config/app-config';
export { devJwtSecret, ProductionSecretError } from './auth/dev-secret';
export { ROLES, signDevToken, type Role, type TokenClaims } from './auth/dev-token';
export { StartupError } from './startup-error';
export type { ServeOptions } from './main';

export async function serve(options: import('./main').ServeOptions = {}): Promise<void> {
  const main = await import('./main');
  return main.serve(options);
}

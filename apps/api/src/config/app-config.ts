import 'reflect-metadata';
import { IsIn, IsOptional, Matches, MinLength, ValidateBy, ValidateIf, validateSync } from 'class-validator';
import * as path from 'node:path';

/** Every variable the ledger reads; anything else in the environment is ignored. */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['pglite', 'postgres', 'esdb'], { message: 'EVENT_STORE must be "pglite" (the embedded default), "postgres" or "esdb"' })
  EVENT_STORE?: string;

  // Checked before DATABASE_URL: with esdb, the events' server is what the operator is setting up.
  @ValidateIf((env: EnvironmentVariables) => env.EVENT_STORE === 'esdb')
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, { message: 'ESDB_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string (required when EVENT_STORE=esdb)' })
  ESDB_CONNECTION_STRING?: string;

  // Only required for postgres and esdb (whose read models, checkpoints and idempotency keys live in PostgreSQL):
  // `npm start` stays on the embedded store even when the shell exports a DATABASE_URL.
  @ValidateIf((env: EnvironmentVariables) => env.EVENT_STORE === 'postgres' || env.EVENT_STORE === 'esdb')
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// connection URL (required when EVENT_STORE=postgres or esdb)' })
  DATABASE_URL?: string;

  @IsOptional()
  @ValidateBy({ name: 'isPort', validator: { validate: (value: unknown) => isIntegerIn(value, 0, 65_535) } }, { message: 'PORT must be an integer from 0 to 65535' })
  PORT?: string;

  @IsOptional()
  DATA_DIR?: string;

  @IsOptional()
  @IsIn(['development', 'test', 'production'], { message: 'NODE_ENV must be development, test or production' })
  NODE_ENV?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'LEDGER_CLOCK_HEADER must be true or false' })
  @ValidateBy(
    { name: 'notInProduction', validator: { validate: (value: unknown, args) => !(value === 'true' && (args?.object as EnvironmentVariables).NODE_ENV === 'production') } },
    { message: 'LEDGER_CLOCK_HEADER=true is refused when NODE_ENV=production' },
  )
  LEDGER_CLOCK_HEADER?: string;

  @IsOptional()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  AUTH_JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'AUTH_JWKS_URL must be an http(s) URL of the identity provider\'s key set' })
  AUTH_JWKS_URL?: string;

  // Which identity-provider tokens are for this API: the key set alone would accept any token its provider signs.
  @IsOptional()
  @Matches(/^\S{1,500}$/, { message: 'AUTH_ISSUER must be the `iss` of the tokens the API accepts (default: OIDC_ISSUER)' })
  AUTH_ISSUER?: string;

  @IsOptional()
  @Matches(/^\S{1,500}$/, { message: 'AUTH_AUDIENCE must be the `aud` the tokens name for this API (default: OIDC_CLIENT_ID when OIDC_BEARER is id_token)' })
  AUTH_AUDIENCE?: string;

  // The web app's sign-in through the identity provider (ADR 0009): both or neither, and only with the key set its
  // tokens are then checked against.
  @ValidateIf((env: EnvironmentVariables) => env.OIDC_ISSUER !== undefined || env.OIDC_CLIENT_ID !== undefined)
  @Matches(/^https?:\/\/[^\s?#]+$/, { message: 'OIDC_ISSUER must be the http(s) URL of the identity provider (required with OIDC_CLIENT_ID), without query or fragment' })
  @ValidateBy(
    { name: 'needsKeySet', validator: { validate: (_value: unknown, args) => (args?.object as EnvironmentVariables).AUTH_JWKS_URL !== undefined } },
    { message: 'OIDC_ISSUER needs AUTH_JWKS_URL, the key set the API checks its tokens against' },
  )
  OIDC_ISSUER?: string;

  @ValidateIf((env: EnvironmentVariables) => env.OIDC_ISSUER !== undefined)
  @Matches(/^[\x21-\x7E]{1,200}$/, { message: 'OIDC_CLIENT_ID must be the web app\'s client id at the identity provider (required with OIDC_ISSUER)' })
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s#]+$/, { message: 'OIDC_REDIRECT_URI must be an http(s) URL without fragment (default: the page\'s origin + /sign-in/callback)' })
  OIDC_REDIRECT_URI?: string;

  @IsOptional()
  @Matches(/^(?=(.* )?openid( |$))[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, { message: 'OIDC_SCOPES must be scopes separated by single spaces, openid among them' })
  OIDC_SCOPES?: string;

  @IsOptional()
  @IsIn(['access_token', 'id_token'], { message: 'OIDC_BEARER must be access_token or id_token (the token the web app sends to the API)' })
  OIDC_BEARER?: string;

  @IsOptional()
  @ValidateBy({ name: 'isBodyLimit', validator: { validate: (value: unknown) => isIntegerIn(value, 1, 100 * 1024 * 1024) } }, { message: 'JSON_BODY_LIMIT_BYTES must be an integer from 1 to 104857600' })
  JSON_BODY_LIMIT_BYTES?: string;

  @IsOptional()
  @ValidateBy({ name: 'isRateLimit', validator: { validate: (value: unknown) => isIntegerIn(value, 0, 1_000_000) } }, { message: 'RATE_LIMIT_PER_MINUTE must be an integer from 0 (off) to 1000000' })
  RATE_LIMIT_PER_MINUTE?: string;

  @IsOptional()
  @IsIn(['json', 'off'], { message: 'REQUEST_LOG must be json (one line per request on stdout) or off' })
  REQUEST_LOG?: string;
}

type Variable = keyof EnvironmentVariables;
const VARIABLES: Variable[] = ['EVENT_STORE', 'ESDB_CONNECTION_STRING', 'DATABASE_URL', 'PORT', 'DATA_DIR', 'NODE_ENV', 'LEDGER_CLOCK_HEADER', 'AUTH_JWT_SECRET', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_REDIRECT_URI', 'OIDC_SCOPES', 'OIDC_BEARER', 'JSON_BODY_LIMIT_BYTES', 'RATE_LIMIT_PER_MINUTE', 'REQUEST_LOG'];
const SECRET_VARIABLES: ReadonlySet<Variable> = new Set(['ESDB_CONNECTION_STRING', 'DATABASE_URL', 'AUTH_JWT_SECRET']);

export type StoreConfig =
  /** No `dataDir`: an in-memory database (tests). */
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'postgres'; connectionString: string }
  /** Events on EventStoreDB/KurrentDB; read models, checkpoints and idempotency keys in PostgreSQL at `databaseUrl`. */
  | { kind: 'esdb'; connectionString: string; databaseUrl: string };

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  /** Absolute path of the data folder (embedded store, development secret). */
  dataDir: string;
  store: StoreConfig;
  /** Whether `X-Ledger-Now` sets a request's clock (never in production). */
  clockHeader: boolean;
  jwtSecret?: string;
  /** The identity provider's key set (RS256/ES256 tokens); the only tokens accepted in production. */
  jwksUrl?: string;
  /** The `iss` an identity provider's token must carry, when known. */
  tokenIssuer?: string;
  /** The `aud` an identity provider's token must name, when known. */
  tokenAudience?: string;
  /** Sign-in through the identity provider, which the web app reads from `GET /api/auth/config` (ADR 0009). */
  oidc?: OidcConfig;
  jsonBodyLimitBytes: number;
  /** Requests per caller per minute; 0: no limit. */
  rateLimitPerMinute: number;
  /** One JSON line per request on stdout. */
  requestLog: boolean;
}

export interface OidcConfig {
  issuer: string;
  /** A public client: the browser proves the code is its own with PKCE, so there is no client secret. */
  clientId: string;
  /** Absent: the page's own origin + `/sign-in/callback`. */
  redirectUri?: string;
  scopes: string[];
  /** Which of the token endpoint's tokens the web app sends to the API as its bearer. */
  bearer: 'access_token' | 'id_token';
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; throws a `ConfigError` whose message names the first bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const env = new EnvironmentVariables();
  for (const name of VARIABLES) {
    // An empty value (`PORT= npm start`) means unset, as shells and .env files usually intend.
    const value = environment[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  const [failure] = validateSync(env, { forbidUnknownValues: false, stopAtFirstError: true });
  if (failure) {
    const variable = failure.property as Variable;
    const message = Object.values(failure.constraints ?? {})[0] ?? `${variable} is invalid`;
    const shown = SECRET_VARIABLES.has(variable) || env[variable] === undefined ? '' : ` (got ${JSON.stringify(env[variable])})`;
    throw new ConfigError(variable, `Invalid configuration: ${message}${shown}`);
  }

  const dataDir = path.resolve(cwd, env.DATA_DIR ?? './data');
  return {
    nodeEnv: (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'],
    port: env.PORT === undefined ? 3000 : Number(env.PORT),
    dataDir,
    store: storeConfig(env, dataDir),
    clockHeader: env.LEDGER_CLOCK_HEADER === 'true',
    ...(env.AUTH_JWT_SECRET === undefined ? {} : { jwtSecret: env.AUTH_JWT_SECRET }),
    ...(env.AUTH_JWKS_URL === undefined ? {} : { jwksUrl: env.AUTH_JWKS_URL }),
    ...tokenIssuerAndAudience(env),
    ...(env.OIDC_ISSUER === undefined ? {} : { oidc: oidcConfig(env) }),
    jsonBodyLimitBytes: env.JSON_BODY_LIMIT_BYTES === undefined ? 1024 * 1024 : Number(env.JSON_BODY_LIMIT_BYTES),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE === undefined ? 600 : Number(env.RATE_LIMIT_PER_MINUTE),
    requestLog: env.REQUEST_LOG !== 'off',
  };
}

function tokenIssuerAndAudience(env: EnvironmentVariables): Pick<AppConfig, 'tokenIssuer' | 'tokenAudience'> {
  const issuer = env.AUTH_ISSUER ?? env.OIDC_ISSUER;
  // An ID token's audience is the web app's client id; an access token's audience is whatever the provider names
  // the API, which only its administrator knows (AUTH_AUDIENCE).
  const audience = env.AUTH_AUDIENCE ?? (env.OIDC_BEARER === 'id_token' ? env.OIDC_CLIENT_ID : undefined);
  return { ...(issuer === undefined ? {} : { tokenIssuer: issuer }), ...(audience === undefined ? {} : { tokenAudience: audience }) };
}

function oidcConfig(env: EnvironmentVariables): OidcConfig {
  return {
    // Kept as given, trailing slash included: the ID token's `iss` must equal it character for character.
    issuer: env.OIDC_ISSUER as string,
    clientId: env.OIDC_CLIENT_ID as string,
    ...(env.OIDC_REDIRECT_URI === undefined ? {} : { redirectUri: env.OIDC_REDIRECT_URI }),
    scopes: (env.OIDC_SCOPES ?? 'openid profile').split(' '),
    bearer: (env.OIDC_BEARER ?? 'access_token') as OidcConfig['bearer'],
  };
}

function storeConfig(env: EnvironmentVariables, dataDir: string): StoreConfig {
  if (env.EVENT_STORE === 'postgres') return { kind: 'postgres', connectionString: env.DATABASE_URL as string };
  if (env.EVENT_STORE === 'esdb') return { kind: 'esdb', connectionString: env.ESDB_CONNECTION_STRING as string, databaseUrl: env.DATABASE_URL as string };
  return { kind: 'pglite', dataDir };
}

/** Where the store lives, for people: `pglite in ./data`, `postgres at host/db` (never the password). */
export function describeStore(store: StoreConfig, cwd = process.cwd()): string {
  if (store.kind === 'esdb') return `esdb at ${esdbHosts(store.connectionString)}, read models in ${describeStore({ kind: 'postgres', connectionString: store.databaseUrl }, cwd)}`;
  if (store.kind === 'pglite') {
    if (store.dataDir === undefined) return 'pglite in memory';
    const relative = path.relative(cwd, store.dataDir);
    return `pglite in ${relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? store.dataDir : `.${path.sep}${relative}`}`;
  }
  try {
    const url = new URL(store.connectionString);
    return `postgres at ${url.host}${url.pathname}`;
  } catch {
    return 'postgres';
  }
}

/** The hosts of an esdb:// string, without credentials or settings. */
function esdbHosts(connectionString: string): string {
  const match = /^esdb(?:\+discover)?:\/\/(?:[^@/]*@)?([^/?]*)/.exec(connectionString);
  return match?.[1] || 'EventStoreDB';
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return false;
  const number = Number(value);
  return number >= min && number <= max;
}

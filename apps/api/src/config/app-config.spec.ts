import { ConfigError, describeStore, loadConfig } from './app-config';

const CWD = '/srv/ledger';
const OIDC = { OIDC_ISSUER: 'https://idp.example/realms/ledger/', OIDC_CLIENT_ID: 'ledger-web', AUTH_JWKS_URL: 'https://idp.example/jwks' };

describe('loadConfig: the environment, read and validated once at start', () => {
  it('defaults: the embedded store in ./data on port 3000, no clock header, a 1 MB JSON limit', () => {
    expect(loadConfig({}, CWD)).toEqual({
      nodeEnv: 'development',
      port: 3000,
      dataDir: '/srv/ledger/data',
      store: { kind: 'pglite', dataDir: '/srv/ledger/data' },
      clockHeader: false,
      jsonBodyLimitBytes: 1_048_576,
      rateLimitPerMinute: 600,
      requestLog: true,
    });
  });

  it.each([
    ['DATABASE_URL alone keeps the embedded store (npm start works with it in the shell)', { DATABASE_URL: 'postgres://u@h/db' }, { kind: 'pglite', dataDir: '/srv/ledger/data' }],
    ['EVENT_STORE=postgres uses DATABASE_URL', { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://u@h/db' }, { kind: 'postgres', connectionString: 'postgres://u@h/db' }],
    [
      'EVENT_STORE=esdb: events on EventStoreDB, read models in PostgreSQL at DATABASE_URL',
      { EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: 'esdb+discover://admin:changeit@esdb.internal:2113?tls=true', DATABASE_URL: 'postgres://u@h/db' },
      { kind: 'esdb', connectionString: 'esdb+discover://admin:changeit@esdb.internal:2113?tls=true', databaseUrl: 'postgres://u@h/db' },
    ],
    ['ESDB_CONNECTION_STRING alone keeps the embedded store', { ESDB_CONNECTION_STRING: 'esdb://h:2113' }, { kind: 'pglite', dataDir: '/srv/ledger/data' }],
    ['DATA_DIR is resolved from the working folder', { DATA_DIR: 'var/ledger' }, { kind: 'pglite', dataDir: '/srv/ledger/var/ledger' }],
    ['an empty value counts as unset', { EVENT_STORE: '', PORT: '' }, { kind: 'pglite', dataDir: '/srv/ledger/data' }],
  ])('%s', (_name, env, store) => {
    expect(loadConfig(env, CWD).store).toEqual(store);
  });

  it('reads every other variable', () => {
    const config = loadConfig(
      { PORT: '8080', NODE_ENV: 'test', LEDGER_CLOCK_HEADER: 'true', AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWKS_URL: 'https://idp.example/jwks', JSON_BODY_LIMIT_BYTES: '2048', RATE_LIMIT_PER_MINUTE: '0', REQUEST_LOG: 'off' },
      CWD,
    );
    expect(config).toMatchObject({ port: 8080, nodeEnv: 'test', clockHeader: true, jwtSecret: 'x'.repeat(32), jwksUrl: 'https://idp.example/jwks', jsonBodyLimitBytes: 2048, rateLimitPerMinute: 0, requestLog: false });
  });

  it('OIDC sign-in: the issuer as given, openid profile and the access token by default', () => {
    expect(loadConfig(OIDC, CWD).oidc).toEqual({ issuer: 'https://idp.example/realms/ledger/', clientId: 'ledger-web', scopes: ['openid', 'profile'], bearer: 'access_token' });
    expect(loadConfig({ ...OIDC, OIDC_REDIRECT_URI: 'https://ledger.example/sign-in/callback', OIDC_SCOPES: 'openid ledger', OIDC_BEARER: 'id_token' }, CWD).oidc).toEqual({
      issuer: 'https://idp.example/realms/ledger/',
      clientId: 'ledger-web',
      redirectUri: 'https://ledger.example/sign-in/callback',
      scopes: ['openid', 'ledger'],
      bearer: 'id_token',
    });
    expect(loadConfig({}, CWD).oidc).toBeUndefined();
  });

  it.each([
    ['no identity provider: neither', {}, {}],
    ['the sign-in issuer; an access token names the API as the provider calls it, so no audience is guessed', OIDC, { tokenIssuer: 'https://idp.example/realms/ledger/' }],
    ['an ID token as bearer: its audience is the web app', { ...OIDC, OIDC_BEARER: 'id_token' }, { tokenIssuer: 'https://idp.example/realms/ledger/', tokenAudience: 'ledger-web' }],
    ['AUTH_ISSUER and AUTH_AUDIENCE win', { ...OIDC, AUTH_ISSUER: 'https://other.example', AUTH_AUDIENCE: 'ledger-api' }, { tokenIssuer: 'https://other.example', tokenAudience: 'ledger-api' }],
  ])('the issuer and audience tokens must carry: %s', (_name, env, expected) => {
    const { tokenIssuer, tokenAudience } = loadConfig(env, CWD);
    expect({ ...(tokenIssuer === undefined ? {} : { tokenIssuer }), ...(tokenAudience === undefined ? {} : { tokenAudience }) }).toEqual(expected);
  });

  it.each([
    ['EVENT_STORE', { EVENT_STORE: 'sqlite' }, 'EVENT_STORE must be "pglite" (the embedded default), "postgres" or "esdb" (got "sqlite")'],
    ['DATABASE_URL', { EVENT_STORE: 'postgres' }, 'DATABASE_URL must be a postgres:// connection URL (required when EVENT_STORE=postgres or esdb)'],
    ['DATABASE_URL', { EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://root:hunter2@db/x' }, 'DATABASE_URL must be a postgres:// connection URL (required when EVENT_STORE=postgres or esdb)'],
    ['ESDB_CONNECTION_STRING', { EVENT_STORE: 'esdb', DATABASE_URL: 'postgres://u@h/db' }, 'ESDB_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string (required when EVENT_STORE=esdb)'],
    ['ESDB_CONNECTION_STRING', { EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: 'http://admin:hunter2@esdb:2113', DATABASE_URL: 'postgres://u@h/db' }, 'ESDB_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string (required when EVENT_STORE=esdb)'],
    ['DATABASE_URL', { EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: 'esdb://esdb:2113?tls=false' }, 'DATABASE_URL must be a postgres:// connection URL (required when EVENT_STORE=postgres or esdb)'],
    ['PORT', { PORT: 'abc' }, 'PORT must be an integer from 0 to 65535 (got "abc")'],
    ['PORT', { PORT: '70000' }, 'PORT must be an integer from 0 to 65535 (got "70000")'],
    ['NODE_ENV', { NODE_ENV: 'prod' }, 'NODE_ENV must be development, test or production (got "prod")'],
    ['LEDGER_CLOCK_HEADER', { LEDGER_CLOCK_HEADER: 'yes' }, 'LEDGER_CLOCK_HEADER must be true or false (got "yes")'],
    ['LEDGER_CLOCK_HEADER', { LEDGER_CLOCK_HEADER: 'true', NODE_ENV: 'production' }, 'LEDGER_CLOCK_HEADER=true is refused when NODE_ENV=production (got "true")'],
    ['AUTH_JWT_SECRET', { AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET must be at least 32 characters'],
    ['AUTH_JWKS_URL', { AUTH_JWKS_URL: 'idp.example/jwks' }, 'AUTH_JWKS_URL must be an http(s) URL of the identity provider\'s key set (got "idp.example/jwks")'],
    ['OIDC_ISSUER', { OIDC_CLIENT_ID: 'ledger-web', AUTH_JWKS_URL: 'https://idp.example/jwks' }, 'OIDC_ISSUER must be the http(s) URL of the identity provider (required with OIDC_CLIENT_ID), without query or fragment'],
    ['OIDC_ISSUER', { OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'ledger-web' }, 'OIDC_ISSUER needs AUTH_JWKS_URL, the key set the API checks its tokens against (got "https://idp.example")'],
    ['OIDC_CLIENT_ID', { OIDC_ISSUER: 'https://idp.example', AUTH_JWKS_URL: 'https://idp.example/jwks' }, 'OIDC_CLIENT_ID must be the web app\'s client id at the identity provider (required with OIDC_ISSUER)'],
    ['OIDC_REDIRECT_URI', { ...OIDC, OIDC_REDIRECT_URI: '/sign-in/callback' }, 'OIDC_REDIRECT_URI must be an http(s) URL without fragment (default: the page\'s origin + /sign-in/callback) (got "/sign-in/callback")'],
    ['OIDC_SCOPES', { ...OIDC, OIDC_SCOPES: 'profile email' }, 'OIDC_SCOPES must be scopes separated by single spaces, openid among them (got "profile email")'],
    ['OIDC_BEARER', { ...OIDC, OIDC_BEARER: 'refresh_token' }, 'OIDC_BEARER must be access_token or id_token (the token the web app sends to the API) (got "refresh_token")'],
    ['JSON_BODY_LIMIT_BYTES', { JSON_BODY_LIMIT_BYTES: '1mb' }, 'JSON_BODY_LIMIT_BYTES must be an integer from 1 to 104857600 (got "1mb")'],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE must be an integer from 0 (off) to 1000000 (got "-1")'],
    ['REQUEST_LOG', { REQUEST_LOG: 'text' }, 'REQUEST_LOG must be json (one line per request on stdout) or off (got "text")'],
  ])('a bad %s is named in one line, secrets never echoed', (variable, env, message) => {
    let thrown: unknown;
    try {
      loadConfig(env, CWD);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ variable, message: `Invalid configuration: ${message}` });
    expect((thrown as Error).message).not.toContain('hunter2');
  });
});

describe('describeStore: where the data is, for the start-up line', () => {
  it.each([
    [{ kind: 'pglite', dataDir: '/srv/ledger/data' } as const, 'pglite in ./data'],
    [{ kind: 'pglite', dataDir: '/var/lib/ledger' } as const, 'pglite in /var/lib/ledger'],
    [{ kind: 'pglite' } as const, 'pglite in memory'],
    [{ kind: 'postgres', connectionString: 'postgres://app:secret@db.internal:5432/ledger' } as const, 'postgres at db.internal:5432/ledger'],
    [
      { kind: 'esdb', connectionString: 'esdb+discover://admin:secret@esdb-0:2113,esdb-1:2113?tls=true', databaseUrl: 'postgres://app:secret@db.internal:5432/ledger' } as const,
      'esdb at esdb-0:2113,esdb-1:2113, read models in postgres at db.internal:5432/ledger',
    ],
  ])('%j -> %s', (store, text) => {
    expect(describeStore(store, CWD)).toBe(text);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@ledger/api';
import { parseAllDocuments, parseDocument } from 'yaml';

/**
 * The deployment files, checked offline: they parse, every image is pinned by tag, and the ports, probes and
 * environment match what the ledger reads (spec sections 9 and 10, issue 8).
 */
type Env = Record<string, string>;
type Json = Record<string, unknown>;

/** What the ledger reads in production; development-only switches must not appear in a deployment. */
const LEDGER_VARIABLES = ['NODE_ENV', 'PORT', 'DATA_DIR', 'EVENT_STORE', 'ESDB_CONNECTION_STRING', 'DATABASE_URL', 'AUTH_JWKS_URL'];
const DEVELOPMENT_ONLY = ['LEDGER_CLOCK_HEADER', 'AUTH_JWT_SECRET'];
const CLUSTER_NODES = ['esdb-node1', 'esdb-node2', 'esdb-node3'];

function read(file: string): string {
  return readFileSync(path.join(__dirname, file), 'utf8');
}

function parseOne(file: string): Json {
  const document = parseDocument(read(file), { merge: true });
  if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
  return document.toJS() as Json;
}

function parseAll(file: string): Json[] {
  const documents = parseAllDocuments(read(file), { merge: true });
  if (!Array.isArray(documents)) throw new Error(`${file}: not YAML`);
  for (const document of documents) {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
  }
  return documents.map((document) => document.toJS() as Json);
}

/** `name:tag` (or `registry/name:tag`), with a tag that names a release rather than whatever is newest. */
function isPinned(image: unknown): boolean {
  const match = typeof image === 'string' ? /^[a-z0-9][a-z0-9._/-]*:([A-Za-z0-9._-]+)$/.exec(image) : null;
  return match !== null && /^v?\d+(\.\d+)*(-[A-Za-z0-9.]+)*$/.test(match[1]);
}

function expectPinned(image: unknown): void {
  if (!isPinned(image)) throw new Error(`image not pinned by a release tag: ${String(image)}`);
}

describe('what counts as pinned', () => {
  it.each([
    ['postgres:16.6', true],
    ['kurrentplatform/kurrentdb:25.0', true],
    ['node:22.12.0-bookworm-slim', true],
    ['ghcr.io/partnership-ledger/ledger:0.1.0', true],
    ['postgres', false],
    ['postgres:latest', false],
    ['node:lts-slim', false],
    ['kurrentplatform/kurrentdb:', false],
  ])('%s: %s', (image, pinned) => {
    expect(isPinned(image)).toBe(pinned);
  });
});

/** Spec section 9: NODE_ENV=production, no development switches, and the values the API validates pass its check. */
function expectLedgerEnvironment(env: Env): void {
  expect(Object.keys(env).sort()).toEqual([...LEDGER_VARIABLES].sort());
  for (const variable of DEVELOPMENT_ONLY) expect(env).not.toHaveProperty(variable);
  expect(env['NODE_ENV']).toBe('production');
  expect(env['EVENT_STORE']).toBe('esdb');
  expect(env['ESDB_CONNECTION_STRING']).toMatch(/^esdb(\+discover)?:\/\/\S+$/);
  expect(env['AUTH_JWKS_URL']).toMatch(/^(https?:\/\/\S+|\$\{AUTH_JWKS_URL:\?.+\})$/);
  // The environment as deployed must pass the API's own check: esdb with its connection string, and DATABASE_URL
  // for the read models. Compose leaves AUTH_JWKS_URL to the operator (`${VAR:?message}`): check with a value of
  // the shape it demands.
  const jwksUrl = env['AUTH_JWKS_URL'].startsWith('${') ? 'https://identity.example.org/.well-known/jwks.json' : env['AUTH_JWKS_URL'];
  const config = loadConfig({ ...env, AUTH_JWKS_URL: jwksUrl }, '/');
  expect(config.store).toEqual({ kind: 'esdb', connectionString: env['ESDB_CONNECTION_STRING'], databaseUrl: env['DATABASE_URL'] });
  expect(config.nodeEnv).toBe('production');
  expect(config.dataDir).toBe(env['DATA_DIR']);
}

describe('deploy/Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instruction = (name: string) => dockerfile.split('\n').filter((line) => line.startsWith(`${name} `));

  it('builds on a pinned Node 22 image and runs `ledger serve` on the port it exposes', () => {
    const from = instruction('FROM').map((line) => line.slice(5).trim());
    expect(from.length).toBeGreaterThan(0);
    for (const image of from) {
      expectPinned(image);
      expect(image).toMatch(/^node:22[.-]/);
    }
    expect(instruction('EXPOSE')).toEqual(['EXPOSE 3000']);
    expect(dockerfile).toMatch(/^ENV [^]*PORT=3000/m);
    expect(instruction('CMD')).toEqual(['CMD ["node", "bin/ledger.js", "serve"]']);
    expect(instruction('USER')).toEqual(['USER node']);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parseOne('compose.yaml');
  const services = compose['services'] as Record<string, Json>;

  it('runs a three-node KurrentDB cluster, PostgreSQL, two API replicas and one worker', () => {
    expect(Object.keys(services).sort()).toEqual([...CLUSTER_NODES, 'api', 'postgres', 'worker'].sort());
    expect((services['api']['deploy'] as Json)['replicas']).toBe(2);
    expect((services['worker']['deploy'] as Json)['replicas']).toBe(1);
    expect(services['api']['command']).toEqual(['node', 'bin/ledger.js', 'serve']);
    expect(services['worker']['command']).toEqual(['node', 'bin/ledger.js', 'serve', '--worker']);
  });

  it('pins every image by tag: kurrentplatform/kurrentdb, postgres 16 and the ledger image', () => {
    for (const [name, service] of Object.entries(services)) {
      expectPinned(service['image']);
      if (CLUSTER_NODES.includes(name)) expect(service['image']).toMatch(/^kurrentplatform\/kurrentdb:/);
    }
    expect(services['postgres']['image']).toMatch(/^postgres:16(\.|$)/);
    expect((services['api']['build'] as Json)['dockerfile']).toBe('deploy/Dockerfile');
  });

  it('forms the cluster: each node knows its size and gossips with the two others', () => {
    for (const node of CLUSTER_NODES) {
      const env = services[node]['environment'] as Env;
      expect(env['KURRENTDB_CLUSTER_SIZE']).toBe('3');
      expect(env['KURRENTDB_NODE_PORT']).toBe('2113');
      const seeds = env['KURRENTDB_GOSSIP_SEED'].split(',');
      expect(seeds.sort()).toEqual(CLUSTER_NODES.filter((other) => other !== node).map((other) => `${other}:2113`));
    }
  });

  it.each(['api', 'worker'])('gives the %s the ledger environment, pointing at the cluster and PostgreSQL', (name) => {
    const env = services[name]['environment'] as Env;
    expectLedgerEnvironment(env);
    const esdb = new URL(env['ESDB_CONNECTION_STRING'].replace(/^esdb:\/\/([^?]*)/, (_, hosts: string) => `esdb://${hosts.split(',')[0]}/`));
    expect(esdb.searchParams.get('tls')).toBe('false');
    expect(env['ESDB_CONNECTION_STRING'].split('?')[0].replace('esdb://', '').split(',')).toEqual(CLUSTER_NODES.map((node) => `${node}:2113`));
    const postgres = services['postgres']['environment'] as Env;
    expect(env['DATABASE_URL']).toMatch(new RegExp(`^postgres://${postgres['POSTGRES_USER']}:[^@]+@postgres:5432/${postgres['POSTGRES_DB']}$`));
    const dependsOn = services[name]['depends_on'] as Record<string, { condition: string }>;
    expect(Object.keys(dependsOn).sort()).toEqual([...CLUSTER_NODES, 'postgres'].sort());
    for (const dependency of Object.values(dependsOn)) expect(dependency.condition).toBe('service_healthy');
  });

  it.each(['api', 'worker'])('checks the %s on /health at PORT (the API is published on that port)', (name) => {
    const env = services[name]['environment'] as Env;
    const test = ((services[name]['healthcheck'] as Json)['test'] as string[]).join(' ');
    expect(test).toContain(`http://127.0.0.1:${env['PORT']}/health`);
    if (name === 'api') expect(services[name]['ports']).toEqual([`3000-3001:${env['PORT']}`]);
  });
});

describe('deploy/k8s', () => {
  const files = readdirSync(path.join(__dirname, 'k8s')).filter((file) => file.endsWith('.yaml'));
  const resources = files.filter((file) => file !== 'kustomization.yaml').flatMap((file) => parseAll(`k8s/${file}`));
  const kustomization = parseOne('k8s/kustomization.yaml');
  const find = (kind: string, name: string) => {
    const found = resources.find((resource) => resource['kind'] === kind && (resource['metadata'] as Json)['name'] === name);
    if (!found) throw new Error(`no ${kind} ${name} in deploy/k8s`);
    return found;
  };
  const stringMap = (resource: Json, key: string) => resource[key] as Env;
  const containerOf = (deployment: Json) => ((((deployment['spec'] as Json)['template'] as Json)['spec'] as Json)['containers'] as Json[])[0];
  /** What a container's envFrom brings in: the ConfigMap and the Secret's keys, as the kubelet would set them. */
  const environmentOf = (container: Json): Env =>
    Object.assign(
      {},
      ...(container['envFrom'] as Json[]).map((source) => {
        if (source['configMapRef']) return stringMap(find('ConfigMap', (source['configMapRef'] as Json)['name'] as string), 'data');
        return stringMap(find('Secret', (source['secretRef'] as Json)['name'] as string), 'stringData');
      }),
    );

  it('lists every manifest but the example Secret in kustomization.yaml', () => {
    expect([...(kustomization['resources'] as string[])].sort()).toEqual(files.filter((file) => !['kustomization.yaml', 'secret.example.yaml'].includes(file)).sort());
  });

  it.each([
    ['ledger-api', 2, ['node', 'bin/ledger.js', 'serve']],
    ['ledger-worker', 1, ['node', 'bin/ledger.js', 'serve', '--worker']],
  ])('%s: %i replica(s), a pinned image, the ledger environment, probes on /health at PORT', (name, replicas, args) => {
    const deployment = find('Deployment', name);
    expect((deployment['spec'] as Json)['replicas']).toBe(replicas);
    const container = containerOf(deployment);
    expectPinned(container['image']);
    expect(container['args']).toEqual(args);
    const env = environmentOf(container);
    expectLedgerEnvironment(env);
    const ports = container['ports'] as Array<{ name: string; containerPort: number }>;
    expect(ports).toEqual([{ name: 'http', containerPort: Number(env['PORT']) }]);
    for (const probe of ['readinessProbe', 'livenessProbe']) {
      const httpGet = (container[probe] as Json)['httpGet'] as { path: string; port: string | number };
      expect(httpGet.path).toBe('/health');
      const port = typeof httpGet.port === 'number' ? httpGet.port : ports.find((candidate) => candidate.name === httpGet.port)?.containerPort;
      expect(port).toBe(Number(env['PORT']));
    }
  });

  it('reaches the databases through external services named in the connection strings', () => {
    const env = stringMap(find('Secret', 'ledger-secrets'), 'stringData');
    const postgres = find('Service', 'ledger-postgres');
    const kurrentdb = find('Service', 'kurrentdb');
    for (const service of [postgres, kurrentdb]) expect((service['spec'] as Json)['type']).toBe('ExternalName');
    expect(new URL(env['DATABASE_URL']).host).toBe(`ledger-postgres:${((postgres['spec'] as Json)['ports'] as Json[])[0]['port']}`);
    expect(new URL(env['ESDB_CONNECTION_STRING']).host).toBe(`kurrentdb:${((kurrentdb['spec'] as Json)['ports'] as Json[])[0]['port']}`);
  });

  it('serves the API Service on the container port named http', () => {
    const service = find('Service', 'ledger-api');
    expect(((service['spec'] as Json)['ports'] as Json[])[0]['targetPort']).toBe('http');
    expect((service['spec'] as Json)['selector']).toEqual(((find('Deployment', 'ledger-api')['spec'] as Json)['selector'] as Json)['matchLabels']);
  });

  it('pins the image kustomize sets to the tag the Deployments name', () => {
    const [image] = kustomization['images'] as Array<{ name: string; newTag: string }>;
    for (const name of ['ledger-api', 'ledger-worker']) expect(containerOf(find('Deployment', name))['image']).toBe(`${image.name}:${image.newTag}`);
  });
});

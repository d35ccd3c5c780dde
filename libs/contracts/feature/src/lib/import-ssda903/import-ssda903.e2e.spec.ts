import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import type { Actor } from '@ledger/kernel';
import { bearerToken, SHARED_DIR, TEST_API_ENV } from '@ledger/testing';

// The route as a user meets it: `ledger serve` in its own process, on an embedded store in a temporary folder.
const REPO_ROOT = path.resolve(__dirname, '../../../../../..');
const EPISODES = readFileSync(path.join(SHARED_DIR, 'data/ssda903-sample/episodes.csv'));
const LINES = EPISODES.toString('utf8').split('\r\n');
const CONTRACT = 'C-HTTP';
const ROUTE = `/api/contracts/${CONTRACT}/imports/ssda903`;
const COMMISSIONER: Actor = { sub: 'c@la', role: 'commissioner', org: 'LA-SAMPLE' };
const PROVIDER: Actor = { sub: 'p@prv', role: 'provider', org: 'PRV-SAMPLE' };
const OUTSIDER: Actor = { sub: 'x@other', role: 'commissioner', org: 'LA-OTHER' };
const NOW = '2022-06-01T10:00:00.000Z';
const START_TIMEOUT_MS = 60_000;

let dataDir: string;
let server: ChildProcess;
let baseUrl: string;

function startServer(): Promise<string> {
  server = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/ledger.js'), 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...TEST_API_ENV, EVENT_STORE: 'pglite', DATA_DIR: dataDir, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), START_TIMEOUT_MS);
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const listening = /listening on (http:\/\/localhost:\d+)/.exec(stderr);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
  });
}

function send(method: 'get' | 'post', url: string, actor: Actor | null, headers: Record<string, string> = {}) {
  let test = request(baseUrl)[method](url).set('X-Ledger-Now', NOW);
  if (actor) test = test.set('Authorization', `Bearer ${bearerToken(actor)}`);
  for (const [name, value] of Object.entries(headers)) test = test.set(name, value);
  return test;
}

function upload(query: string, actor: Actor | null, file: Buffer | undefined, headers: Record<string, string> = {}) {
  const test = send('post', `${ROUTE}${query}`, actor, headers);
  return file === undefined ? test.field('note', 'no file') : test.attach('episodes', file, 'episodes.csv');
}

/** The stream's length, from the contract's `ETag` (its revision). */
async function eventCount(): Promise<number> {
  const response = await send('get', `/api/contracts/${CONTRACT}`, COMMISSIONER).expect(200);
  return Number(/\d+/.exec(String(response.headers['etag']))?.[0]) + 1;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-ssda903-http-'));
  baseUrl = await startServer();
  const draft = { contractId: CONTRACT, commissionerId: 'LA-SAMPLE', providerId: 'PRV-SAMPLE', title: 'Sample', startDate: '2016-04-01', endDate: '2021-03-31', terms: { fees: [], outcomes: [], caps: {} } };
  await send('post', '/api/contracts', COMMISSIONER).send(draft).expect(201);
  await send('post', `/api/contracts/${CONTRACT}/signatures`, PROVIDER).send({ party: 'provider', signedBy: 'p@prv', signedOn: '2022-06-01' }).expect(200);
  await send('post', `/api/contracts/${CONTRACT}/signatures`, COMMISSIONER).send({ party: 'commissioner', signedBy: 'c@la', signedOn: '2022-06-01' }).expect(200);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('POST /api/contracts/{id}/imports/ssda903', () => {
  it.each([
    { who: 'no token', actor: null, status: 401, code: 'UNAUTHENTICATED' },
    { who: "the contract's provider", actor: PROVIDER, status: 403, code: 'FORBIDDEN' },
    { who: 'another organisation', actor: OUTSIDER, status: 404, code: 'CONTRACT_NOT_FOUND' },
  ])('$who: $status $code, nothing read or appended', async ({ actor, status, code }) => {
    const before = await eventCount();
    const response = await upload('?skipInvalid=true', actor, EPISODES).expect(status);
    expect(response.body.code).toBe(code);
    expect(await eventCount()).toBe(before);
  });

  it.each([
    { query: '?skipInvalid=yes', file: EPISODES, field: 'skipInvalid' },
    { query: '?colour=red', file: EPISODES, field: 'colour' },
    { query: '', file: undefined, field: 'episodes' },
  ])('a bad request ($field) is 400 VALIDATION naming the field', async ({ query, file, field }) => {
    const response = await upload(query, COMMISSIONER, file).expect(400);
    expect(response.body.code).toBe('VALIDATION');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
  });

  it('a file over the 20 MB limit is 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await upload('', COMMISSIONER, Buffer.alloc(20 * 1024 * 1024 + 1, 'a')).expect(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a small file whose only problem is one bad code: 422 naming its line, nothing appended', async () => {
    const small = LINES.slice(0, 21);
    const fields = small[12].split(',');
    fields[5] = 'ZZ';
    small[12] = fields.join(',');
    const before = await eventCount();
    const response = await upload('', COMMISSIONER, Buffer.from(small.join('\r\n'))).expect(422);
    expect(response.body).toMatchObject({ ok: false, appended: 0, events: [] });
    expect(response.body.errors).toEqual([{ line: 13, column: 'PLACE', code: 'UNKNOWN_CODE', message: 'PLACE "ZZ" is not an SSDA903 code' }]);
    expect(await eventCount()).toBe(before);
  });

  it('dry run, import, replay of its Idempotency-Key, import again: the difference once, then nothing', async () => {
    const before = await eventCount();
    const query = '?skipInvalid=true&la=Bromley&urn=5543231&urn=1135902';
    const dry = await upload(`${query}&dryRun=true`, COMMISSIONER, EPISODES).expect(200);
    expect(dry.body).toMatchObject({ ok: true, dryRun: true, appended: 0 });
    expect(dry.body.events.length).toBeGreaterThan(0);
    expect(await eventCount()).toBe(before);

    const withoutUrns = await upload('?skipInvalid=true&la=Bromley&dryRun=true', COMMISSIONER, EPISODES).expect(200);
    expect(withoutUrns.body.events.length).toBeGreaterThan(dry.body.events.length);

    const first = await upload('?skipInvalid=true&la=Bromley', COMMISSIONER, EPISODES, { 'Idempotency-Key': 'bromley-1' }).expect(200);
    expect(first.body.appended).toBe(first.body.events.length);
    expect(first.body.events).toEqual(withoutUrns.body.events);
    expect(first.body.skipped.length).toBeGreaterThan(0);
    expect(first.headers['etag']).toBe(`"${first.body.revision}"`);
    expect(await eventCount()).toBe(before + first.body.appended);

    const replay = await upload('?skipInvalid=true&la=Bromley', COMMISSIONER, EPISODES, { 'Idempotency-Key': 'bromley-1' }).expect(200);
    expect(replay.body).toEqual(first.body);
    const reused = await upload('?skipInvalid=true&la=Southwark', COMMISSIONER, EPISODES, { 'Idempotency-Key': 'bromley-1' }).expect(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const again = await upload('?skipInvalid=true&la=Bromley', COMMISSIONER, EPISODES).expect(200);
    expect(again.body).toMatchObject({ ok: true, appended: 0, events: [], revision: first.body.revision });
    expect(again.body.skipped).toEqual(first.body.skipped);
    expect(await eventCount()).toBe(before + first.body.appended);

    const [appended] = (await send('get', `/api/contracts/${CONTRACT}/events?from=${before}&limit=1`, COMMISSIONER).expect(200)).body.items as { metadata: { actor: Actor; commandId: string } }[];
    expect(appended.metadata).toMatchObject({ actor: COMMISSIONER, commandId: 'bromley-1' });
  }, 120_000);
});

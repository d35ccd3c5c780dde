import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { commandFromEvent, commandPath, requestOf, type ContractStreamEvent } from '@ledger/contracts-domain';
import type { Actor } from '@ledger/kernel';
import { EXAMPLES_DIR } from '../lib/shared-dir';

/** The worked examples' folder, under the name the HTTP specs use. */
export const EXAMPLES_FOLDER = EXAMPLES_DIR;
/** The HS256 secret of test servers (AUTH_JWT_SECRET), so tests sign their own tokens. */
export const TEST_JWT_SECRET = 'test-secret-of-at-least-thirty-two-characters';

/** A signed HS256 token for the claims of spec section 9; `expiresIn` in seconds (negative: already expired). */
export function bearerToken(actor: Actor, options: { secret?: string; expiresIn?: number } = {}): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...actor, iat, exp: iat + (options.expiresIn ?? 3600) })}`;
  return `${input}.${createHmac('sha256', options.secret ?? TEST_JWT_SECRET).update(input).digest('base64url')}`;
}

export interface TestApi {
  app: INestApplication;
  server: ReturnType<INestApplication['getHttpServer']>;
  /** A request as `actor` (no token when null), at `now` (`X-Ledger-Now`) when given. */
  send(method: string, url: string, options?: { actor?: Actor | null; now?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): request.Test;
  close(): Promise<void>;
}

/** The environment of test servers: `X-Ledger-Now` honoured, tokens signed with the test secret, no rate limit or request log. */
export const TEST_API_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'test',
  LEDGER_CLOCK_HEADER: 'true',
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  RATE_LIMIT_PER_MINUTE: '0',
  REQUEST_LOG: 'off',
};

/** Requests to an initialised app as a signed-in actor at an instant. */
export function testApiOn(app: INestApplication, close: () => Promise<void> = () => app.close()): TestApi {
  const server = app.getHttpServer();
  return {
    app,
    server,
    send(method, url, { actor, now, body, raw, headers } = {}) {
      let test = request(server)[method.toLowerCase() as 'get' | 'post' | 'put'](url);
      if (actor) test = test.set('Authorization', `Bearer ${bearerToken(actor)}`);
      if (now) test = test.set('X-Ledger-Now', now);
      for (const [name, value] of Object.entries(headers ?? {})) test = test.set(name, value);
      if (raw !== undefined) return test.set('Content-Type', 'application/json').send(raw);
      return body === undefined ? test : test.send(body as object);
    },
    close,
  };
}

export interface ExampleFolder {
  name: string;
  events: ContractStreamEvent[];
  expected: { options: { provisionalThrough?: string }; statements: { statementHash: string; statement: { period: string; status: string } }[] };
}

/** Every worked example, read from the folder (a new one is a new test). */
export function loadExampleFolders(folder = EXAMPLES_FOLDER): ExampleFolder[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
    .map((entry) => ({
      name: entry.name,
      events: readNdjson(path.join(folder, entry.name, 'events.ndjson')) as ContractStreamEvent[],
      expected: JSON.parse(readFileSync(path.join(folder, entry.name, 'expected-statements.json'), 'utf8')),
    }));
}

export function readNdjson(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** The HTTP request that records a recorded event (the rejections README's route table read backwards). */
export function requestForEvent(event: ContractStreamEvent, contractId: string): { method: string; path: string; body: Record<string, unknown> } | undefined {
  const command = commandFromEvent(event, contractId);
  if (!command) return undefined;
  const { body, params } = requestOf(command);
  return { ...commandPath(command.type, params), body };
}

/**
 * Sends the command that recorded `event`, as its actor at its instant; nothing for `ContractAgreed`, which the
 * system appends with the second signature. A refusal throws, naming the revision.
 */
export async function sendRecordedEvent(api: TestApi, event: ContractStreamEvent, contractId: string): Promise<request.Response | undefined> {
  const sent = requestForEvent(event, contractId);
  if (!sent) return undefined;
  const response = await api.send(sent.method, sent.path, { actor: event.metadata.actor, now: event.metadata.recordedAt, body: sent.body });
  if (response.status >= 300) throw new Error(`revision ${event.revision} ${event.type}: ${response.status} ${response.text}`);
  return response;
}

/** Publishes the outcome definitions the examples use, as an admin (already seeded ones change nothing). */
export async function publishExampleFramework(api: TestApi, folder = EXAMPLES_FOLDER): Promise<void> {
  const admin = { sub: 'admin@ledger', role: 'admin', org: 'LEDGER' };
  for (const definition of readNdjson(path.join(folder, 'framework.ndjson'))) {
    const response = await api.send('POST', '/api/outcome-framework/definitions', { actor: admin, body: definition });
    if (response.status !== 201) throw new Error(`publishing ${JSON.stringify(definition)}: ${response.status} ${response.text}`);
  }
}

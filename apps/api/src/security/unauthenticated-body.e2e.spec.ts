import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApi } from '../testing/start-test-api';

const CHUNK = Buffer.alloc(64 * 1024, 'a');

interface Outcome {
  status?: number;
  code?: string;
  connection?: string;
  /** Whether the whole body had been sent when the answer came. */
  answeredAfterBody?: boolean;
  writeError?: string;
}

/** Sends `chunks` of 64 KiB with a pause between them, so the server has answered long before the body ends. */
function postSlowly(port: number, chunks: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const outcome: Outcome = {};
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/contracts/C-1/imports/ssda903', headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(chunks * CHUNK.length) } });
    req.on('response', (res) => {
      outcome.status = res.statusCode;
      outcome.answeredAfterBody = sent === chunks;
      outcome.connection = res.headers.connection;
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => {
        outcome.code = (JSON.parse(text) as { code?: string }).code;
        resolve(outcome);
      });
    });
    req.on('error', (error) => {
      outcome.writeError = error.message;
      resolve(outcome);
    });
    let sent = 0;
    const sendNext = () => {
      if (req.destroyed) return;
      if (sent === chunks) return void req.end();
      sent += 1;
      req.write(CHUNK, () => setTimeout(sendNext, 2));
    };
    sendNext();
  });
}

describe('an upload from nobody', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let port: number;
  beforeAll(async () => {
    api = await startTestApi({ env: { JSON_BODY_LIMIT_BYTES: '2048' } });
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    port = (api.server.address() as AddressInfo).port;
  });
  afterAll(() => api?.close());

  // Clients such as superagent stop writing and drop the request once answered, and their upload then fails with
  // EPIPE instead of reporting the 401 (seen in the SSDA903 specs): the server answers once the body is in.
  it('still being sent when the server refuses it, is answered 401 once it has all been sent', async () => {
    // 2 MiB in 32 writes: the 401 is decided at the first bytes, the rest arrives over some 100 ms after it.
    await expect(postSlowly(port, 32)).resolves.toEqual({ status: 401, code: 'UNAUTHENTICATED', connection: 'keep-alive', answeredAfterBody: true });
  });

  it('larger than any route accepts is refused 401 at the limit, and the connection closed', async () => {
    const outcome = await postSlowly(port, 340);
    expect(outcome).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', connection: 'close', answeredAfterBody: false });
  });
});

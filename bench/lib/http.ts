import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signDevToken } from '@ledger/api';
import { type Figures, progress } from './figures';
import type { LoadedContract } from './dataset';

// autocannon ships no types; the few fields read here.
interface AutocannonResult {
  latency: { p50: number; p99: number; average: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
interface AutocannonRequest {
  method: string;
  path?: string;
  setupRequest?: (request: { method: string; path: string; body?: string; headers: Record<string, string> }) => unknown;
}
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const REPOSITORY = path.resolve(__dirname, '..', '..');
const SECRET = 'bench-secret-bench-secret-bench-secret-42';

export interface HttpParameters {
  databaseUrl: string;
  durationSeconds: number;
  placementRate: number;
  connections: number;
  contracts: readonly LoadedContract[];
  /** A month every generated contract has closed. */
  closedPeriod: string;
  /** A start date inside every generated contract, after its last close. */
  placementStart: string;
}

interface Started {
  process: ChildProcess;
  port?: number;
}

/** A light load, to tell the time a request takes from the time it waits behind others at 200/s. */
const LIGHT_RATE = 20;
/** How long the worker may take to apply what the placements appended before the reads are measured. */
const CATCH_UP_TIMEOUT_MS = 300_000;

/** `ledger serve` (or `--worker`) as its own process, as deployed, waiting for its start-up line. */
async function start(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Started> {
  // BENCH_CPU_PROF=<folder>: the API and the worker write V8 CPU profiles there when they stop.
  const profile = process.env['BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`] : [];
  const child = spawn(process.execPath, [...profile, path.join(REPOSITORY, 'bin', 'ledger.js'), ...args], { cwd: REPOSITORY, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`ledger ${args.join(' ')} did not start within 60 s: ${seen}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve({ process: child, ...(match[1] === undefined ? {} : { port: Number(match[1]) }) });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ledger ${args.join(' ')} exited with ${code}: ${seen}`));
    });
  });
}

async function stop(started: Started | undefined): Promise<void> {
  const child = started?.process;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

function residentMegabytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : undefined;
}

/** CPU time (user and system) a process has used so far, from /proc (clock ticks of 10 ms on Linux). */
function cpuMilliseconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 : undefined;
}

/**
 * Runs one autocannon load and adds the CPU each process spent per answered request: unlike the latencies, that
 * does not move with whatever else the shared machine runs, so it says what a request costs.
 */
async function withCpuPerRequest(
  figures: Figures,
  section: string,
  name: string,
  processes: { name: string; pid: number | undefined }[],
  run: () => Promise<AutocannonResult>,
): Promise<AutocannonResult> {
  const before = processes.map(({ pid }) => cpuMilliseconds(pid));
  const result = await run();
  processes.forEach(({ name: who, pid }, index) => {
    const start = before[index];
    const end = cpuMilliseconds(pid);
    if (start === undefined || end === undefined || result.requests.total === 0) return;
    figures.add({ section, name: `${name}: ${who} CPU per request`, value: (end - start) / result.requests.total, unit: 'ms', note: `${result.requests.total} requests; during the run only (the worker's projection of them may continue after)` });
  });
  return result;
}

function latencyFigures(figures: Figures, section: string, name: string, result: AutocannonResult, p99Target: number | undefined, note: string): void {
  const failed = result.non2xx + result.errors + result.timeouts;
  const statuses = Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => `${status}: ${count}`).join(', ');
  const detail = `${note}; ${result.requests.total} requests (${statuses}), ${failed} not 2xx or failed`;
  figures.add({ section, name: `${name} p50`, value: result.latency.p50, unit: 'ms', note: detail });
  const target = p99Target === undefined ? {} : { target: `< ${p99Target} ms`, met: result.latency.p99 < p99Target && failed === 0 };
  figures.add({ section, name: `${name} p99`, value: result.latency.p99, unit: 'ms', ...target, note: detail });
  figures.add({ section, name: `${name} throughput`, value: result.requests.average, unit: 'req/s', note: detail });
}

/**
 * Waits until the worker has applied every event (every projection's lag 0 on its /health), so the reads are
 * measured on their own rather than beside the projection of the placements just made. Seconds it took.
 */
async function workerCaughtUp(port: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < CATCH_UP_TIMEOUT_MS) {
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { projections?: { projections?: { lagEvents: number }[] } };
    const lags = health.projections?.projections ?? [];
    if (lags.length > 0 && lags.every((projection) => projection.lagEvents === 0)) return (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the worker did not catch up within ${CATCH_UP_TIMEOUT_MS / 1000} s`);
}

/** The API and the worker over the loaded PostgreSQL database, driven on loopback by autocannon for bounded runs. */
export async function measureHttp(section: string, parameters: HttpParameters, figures: Figures): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-bench-'));
  const env = {
    ...process.env,
    EVENT_STORE: 'postgres',
    DATABASE_URL: parameters.databaseUrl,
    PORT: '0',
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    AUTH_JWT_SECRET: SECRET,
  };
  let api: Started | undefined;
  let worker: Started | undefined;
  try {
    progress(`${section}: starting the API and the worker`);
    // The worker first: it wins the projections' leadership, as deployed, and the API only serves.
    worker = await start(['serve', '--worker'], env, /worker running.*GET \/health on port (\d+)/);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    api = await start(['serve'], env, /listening on http:\/\/localhost:(\d+)/);
    const open = parameters.contracts.filter((contract) => !contract.terminated);
    if (open.length === 0) throw new Error('no open contract to place children in');
    // one commissioner token per council, so every open contract takes placements and reads
    const iat = Math.floor(Date.now() / 1000);
    const tokens = new Map<string, string>();
    for (const { commissionerId } of open) {
      if (!tokens.has(commissionerId)) tokens.set(commissionerId, `Bearer ${signDevToken({ sub: `bench@${commissionerId}`, role: 'commissioner', org: commissionerId, iat, exp: iat + 3600 }, SECRET)}`);
    }
    const headers = { 'content-type': 'application/json' };
    const as = (contract: LoadedContract, request: { headers: Record<string, string> }) => ({ ...request.headers, authorization: tokens.get(contract.commissionerId) ?? '' });
    const url = `http://127.0.0.1:${api.port}`;

    let placed = 0;
    const placement: AutocannonRequest = {
      method: 'POST',
      setupRequest: (request) => {
        const n = placed++;
        const contract = open[n % open.length];
        return {
          ...request,
          headers: as(contract, request),
          path: `/api/contracts/${contract.contractId}/placements`,
          body: JSON.stringify({ placementId: `HTTP-PL-${n}`, childRef: `HTTP-CH-${n}`, startDate: parameters.placementStart, placementType: 'U4' }),
        };
      },
    };
    const workerPort = worker.port;
    const caughtUp = async (after: string) => {
      if (workerPort === undefined) return;
      progress(`${section}: waiting for the worker to apply the ${after}`);
      figures.add({ section, name: `worker catch-up after the ${after}`, value: await workerCaughtUp(workerPort), unit: 's', note: 'every projection at lag 0 on the worker /health' });
    };

    progress(`${section}: placement commands at ${LIGHT_RATE}/s, then at ${parameters.placementRate}/s, ${parameters.durationSeconds} s each, over ${open.length} contracts`);
    await autocannon({ url, headers, connections: 4, amount: 100, requests: [placement] });
    const pids = [
      { name: 'API', pid: api.process.pid },
      { name: 'worker', pid: worker.process.pid },
    ];
    const light = await withCpuPerRequest(figures, section, `placement command at ${LIGHT_RATE}/s`, pids, () =>
      autocannon({ url, headers, connections: parameters.connections, overallRate: LIGHT_RATE, duration: parameters.durationSeconds, requests: [placement] }),
    );
    latencyFigures(figures, section, `placement command at ${LIGHT_RATE}/s`, light, undefined, `${LIGHT_RATE} req/s offered, ${parameters.connections} connections, ${open.length} contracts`);
    await caughtUp('light placements');
    const placements = await withCpuPerRequest(figures, section, 'placement command', pids, () =>
      autocannon({ url, headers, connections: parameters.connections, overallRate: parameters.placementRate, duration: parameters.durationSeconds, requests: [placement] }),
    );
    latencyFigures(figures, section, 'placement command', placements, 100, `${parameters.placementRate} req/s offered, ${parameters.connections} connections, ${open.length} contracts`);
    await caughtUp('placements');

    let read = 0;
    const statement: AutocannonRequest = {
      method: 'GET',
      setupRequest: (request) => {
        const contract = open[read++ % open.length];
        return { ...request, headers: as(contract, request), path: `/api/contracts/${contract.contractId}/statements/${parameters.closedPeriod}` };
      },
    };
    progress(`${section}: statement reads at ${parameters.placementRate}/s, then as fast as they come, ${parameters.durationSeconds} s each`);
    await autocannon({ url, headers, connections: 4, amount: 100, requests: [statement] });
    const lightReads = await withCpuPerRequest(figures, section, `statement read at ${LIGHT_RATE}/s`, pids, () =>
      autocannon({ url, headers, connections: parameters.connections, overallRate: LIGHT_RATE, duration: parameters.durationSeconds, requests: [statement] }),
    );
    latencyFigures(figures, section, `statement read at ${LIGHT_RATE}/s`, lightReads, undefined, `closed month ${parameters.closedPeriod}, ${LIGHT_RATE} req/s offered, ${parameters.connections} connections`);
    const paced = await withCpuPerRequest(figures, section, 'statement read', pids, () =>
      autocannon({ url, headers, connections: parameters.connections, overallRate: parameters.placementRate, duration: parameters.durationSeconds, requests: [statement] }),
    );
    latencyFigures(figures, section, 'statement read', paced, 50, `closed month ${parameters.closedPeriod}, ${parameters.placementRate} req/s offered, ${parameters.connections} connections`);
    const flat = await withCpuPerRequest(figures, section, 'statement read, unthrottled', pids, () =>
      autocannon({ url, headers, connections: parameters.connections, duration: parameters.durationSeconds, requests: [statement] }),
    );
    latencyFigures(figures, section, 'statement read, unthrottled', flat, undefined, `closed month ${parameters.closedPeriod}, ${parameters.connections} connections, as fast as answered`);

    const apiMb = residentMegabytes(api.process.pid);
    const workerMb = residentMegabytes(worker.process.pid);
    const health = (await (await fetch(`${url}/health`)).json()) as { projections?: { role?: string } };
    const apiRole = `the API's projections role: ${health.projections?.role ?? 'unknown'}`;
    if (apiMb !== undefined) figures.add({ section, name: 'API resident memory at the end', value: apiMb, unit: 'MB', note: apiRole });
    if (workerMb !== undefined) figures.add({ section, name: 'worker resident memory at the end', value: workerMb, unit: 'MB' });
  } finally {
    await stop(api);
    await stop(worker);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../../..');
const START_TIMEOUT_MS = 90_000;
/** Every wait on the page is bounded; the API answers in milliseconds, the projections within a second or two. */
export const WAIT_MS = 15_000;

/**
 * The one clock of a journey: the demo is seeded relative to it (`LEDGER_DEMO_NOW`), every request carries it as
 * `X-Ledger-Now` (`LEDGER_CLOCK_HEADER=true`), and the page's own clock is fixed to it, so "last month" is the
 * same month for the seed, the server and the browser.
 */
export const NOW = '2025-11-12T10:00:00.000Z';
export const LAST_MONTH = 'October 2025';

/** Locally the journeys skip when chromium is missing; in CI (`CI=true`) they fail, since .ci/run installs it. */
export function browserAvailability(): 'ready' | 'skip' | 'missing-in-ci' {
  if (existsSync(CHROMIUM)) return 'ready';
  return process.env['CI'] === 'true' ? 'missing-in-ci' : 'skip';
}

export const INSTALL_HINT = `The browser journeys need Debian's chromium at ${CHROMIUM}: install it with \`sudo apt-get install -y chromium\` (.ci/run does this in CI).`;

export interface RunningLedger {
  url: string;
  stop(): Promise<void>;
}

/** `ledger serve` on a free port and a fresh data folder, the demo seeded at NOW; `env` adds or overrides settings. */
export async function startLedger(env: Record<string, string> = {}): Promise<RunningLedger> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-journey-data-'));
  const { EVENT_STORE: _store, DATABASE_URL: _url, PORT: _port, DATA_DIR: _dir, SEED_DEMO: _seed, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'ledger.js'), 'serve'], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LEDGER_CLOCK_HEADER: 'true', LEDGER_DEMO_NOW: NOW, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    child.stderr?.destroy();
    child.stdout?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const listening = /listening on (http:\/\/localhost:\d+)/.exec(stderr);
    if (listening) return { url: listening[1], stop };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`ledger serve did not start within ${START_TIMEOUT_MS} ms: ${stderr}`);
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  page: Page;
  close(): Promise<void>;
}

/**
 * A fresh chromium (its own new user data folder, so no journey sees another's sign-in), its page clock pinned to
 * NOW and, with `clockHeader`, the server's request clock too (an extra header, which only the ledger may get: sent
 * to an identity provider it would make every token request a CORS preflight).
 */
export async function openBrowser(ledger: RunningLedger, options: { clockHeader: boolean }): Promise<Session> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'ledger-journey-chromium-'));
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
      baseURL: ledger.url,
      viewport: { width: 1280, height: 900 },
      ...(options.clockHeader ? { extraHTTPHeaders: { 'X-Ledger-Now': NOW } } : {}),
    });
    context.setDefaultTimeout(WAIT_MS);
    await context.clock.setFixedTime(new Date(NOW));
    const page = context.pages()[0] ?? (await context.newPage());
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A fresh browser signed in as one role through development sign-in. */
export async function signedIn(ledger: RunningLedger, role: 'commissioner' | 'provider' | 'auditor' | 'admin', org: string): Promise<Session> {
  const { page, close } = await openBrowser(ledger, { clockHeader: true });
  try {
    await page.goto('/sign-in');
    await page.getByRole('radio', { name: new RegExp(role, 'i') }).check();
    await page.getByLabel('Organisation reference').fill(org);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** One screenshot per journey, kept for a person to look at (the path is printed). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(tmpdir(), 'ledger-journeys');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

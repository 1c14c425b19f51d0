import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../electron/server/server.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const modelPath = path.resolve(repoRoot, '../shared/models/stories260K.gguf');
export const resultsDir = path.join(repoRoot, 'test-results');
/** Chromium warns that a <meta> CSP cannot carry frame-ancestors (the server sends it as a header too). */
export const EXPECTED_CONSOLE_ERRORS = [/'frame-ancestors' is ignored/];

/** The server serves the built renderer; build it when it is missing (`npm test` always builds first). */
export async function ensureRendererBuilt(): Promise<void> {
  if (existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
}

/** Debian's Chromium, headless, with its background networking off (nothing may leave the machine). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A core call over HTTP with the server's access token, as a script would make it. */
export async function rpcOf<T>(server: RunningServer, method: string, params: unknown): Promise<T> {
  const response = await fetch(`${server.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Starts a job (a method answering `{ jobId }`) and waits for its result, as setup and API-driven steps need. */
export async function runJobOf<T>(server: RunningServer, method: string, params: unknown): Promise<T> {
  const { jobId } = await rpcOf<{ jobId: string }>(server, method, params);
  return rpcOf<T>(server, 'jobs.wait', { jobId });
}

/** One test file's world: its own data dir, server and browser (files run in parallel and must not share state). */
export interface E2e {
  dataDir: string;
  server: RunningServer;
  browser: Browser;
  rpc<T>(method: string, params: unknown): Promise<T>;
  runJob<T>(method: string, params: unknown): Promise<T>;
  /** Closes the browser and the server and removes the data dir; safe to call once from afterAll. */
  close(): Promise<void>;
}

/** Call from beforeAll: a fresh temp dir (`enclave-<name>-e2e-*`) with the server's data and models under it. */
export async function startE2e(name: string): Promise<E2e> {
  await ensureRendererBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), `enclave-${name}-e2e-`));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startServer({ dataDir: path.join(dataDir, 'data'), modelsDir: path.join(dataDir, 'models'), port: 0 });
    browser = await launchChromium();
  } catch (error) {
    await close();
    throw error;
  }
  const running = server;
  return {
    dataDir,
    server: running,
    browser,
    rpc: (method, params) => rpcOf(running, method, params),
    runJob: (method, params) => runJobOf(running, method, params),
    close,
  };
}

/**
 * A page that records what should fail a test: uncaught exceptions and console errors, except the expected ones
 * and the `allow` patterns a test adds for the refusals it provokes. Tests assert `errors` is empty (or `splice(0)`
 * it after provoking one).
 */
export async function watchedPage(
  browser: Browser,
  { allow = [], ...options }: { allow?: RegExp[] } & Pick<BrowserContextOptions, 'acceptDownloads'> = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, ...options });
  const expected = [...EXPECTED_CONSOLE_ERRORS, ...allow];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.some((pattern) => pattern.test(message.text()))) errors.push(message.text());
  });
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

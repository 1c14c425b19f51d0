import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningServer } from '../../electron/server/server.js';

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

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

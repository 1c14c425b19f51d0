import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;
/** Enough files that the ingestion runs on for tens of seconds (about 40 ms each without an embedding model). */
const FILES = 2000;

let e2e: E2e;
let bulkDir: string;
let smallDir: string;

beforeAll(async () => {
  e2e = await startE2e('activity');
  bulkDir = path.join(e2e.dataDir, 'bulk');
  smallDir = path.join(e2e.dataDir, 'small');
  mkdirSync(bulkDir);
  mkdirSync(smallDir);
  const text = (i: number) => Array.from({ length: 40 }, (_, line) => `Line ${line} of note ${i}: the coolant pump and the relief valves are inspected on schedule.`).join('\n');
  for (let i = 0; i < FILES; i++) writeFileSync(path.join(bulkDir, `note-${String(i).padStart(4, '0')}.txt`), text(i));
  for (let i = 0; i < 3; i++) writeFileSync(path.join(smallDir, `memo-${i}.txt`), text(i));
  // No embedding model: full-text only, so the job's length is set by the number of files.
  await e2e.rpc('rag.collections.create', { name: 'archive' });
  await e2e.rpc('rag.collections.create', { name: 'memos' });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'a running ingestion is listed with progress, survives a reload, and is cancelled from the panel',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      const { jobId } = await e2e.rpc<{ jobId: string }>('rag.ingest', { collection: 'archive', paths: [bulkDir] });
      await page.goto(e2e.server.url);
      const button = page.getByTestId('activity-button');
      const row = page.locator(`[data-testid="activity-job"][data-job-id="${jobId}"]`);

      // Listed from jobs.list, kept current by events: running, kind in words, a progress bar that moves.
      await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe('1');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      expect(await page.getByRole('region', { name: 'Activity' }).count()).toBe(1);
      await row.waitFor();
      expect(await row.getAttribute('data-state')).toBe('running');
      expect(await row.locator('.activity-kind').textContent()).toBe('Ingestion');
      await expect.poll(async () => Number(await row.getByTestId('activity-progress').getAttribute('value') ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);

      // Escape closes the panel and gives the focus back to the button.
      await page.keyboard.press('Escape');
      await page.getByTestId('activity-panel').waitFor({ state: 'detached' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);

      // A reload finds it again, still running, with its elapsed time and (a few seconds in) an estimate.
      await page.reload();
      await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe('1');
      await button.click();
      await row.waitFor();
      expect(await row.getAttribute('data-state')).toBe('running');
      await expect.poll(async () => Number(await row.getByTestId('activity-progress').getAttribute('value') ?? 0)).toBeGreaterThan(0);
      await row.getByTestId('activity-eta').waitFor({ timeout: 30_000 });
      expect(await row.getByTestId('activity-time').textContent()).toMatch(/^\d+ s · about .+ left$/);
      await screenshot(page, 'activity-running');

      // Cancel from the panel: the row and the core agree that it ended cancelled.
      await row.getByTestId('activity-cancel').click();
      await page.locator(`[data-testid="activity-job"][data-job-id="${jobId}"][data-state="cancelled"]`).waitFor({ timeout: 30_000 });
      expect(await row.getByTestId('activity-state').textContent()).toBe('Cancelled');
      expect((await e2e.rpc<{ state: string }>('jobs.get', { jobId })).state).toBe('cancelled');
      await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe('0');

      // A job that finishes while the panel is open shows its result.
      const small = await e2e.rpc<{ jobId: string }>('rag.ingest', { collection: 'memos', paths: [smallDir] });
      const done = page.locator(`[data-testid="activity-job"][data-job-id="${small.jobId}"][data-state="succeeded"]`);
      await done.waitFor({ timeout: 30_000 });
      expect(await done.getByTestId('activity-summary').textContent()).toMatch(/^3 documents indexed, \d+ chunks?$/);
      await screenshot(page, 'activity-finished');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;

const documents: Record<string, string> = {
  'reactor.md': '# Reactor maintenance\n\nThe coolant pump must be inspected every 90 days by a certified engineer.\n\n## Valves\n\nPressure relief valves are replaced every two years.',
  'finance.md': '# Quarterly budget\n\nThe travel budget for the third quarter is 42,000 euros.\n\nHeadcount stays flat until March.',
  'garden.md': '# Garden\n\nTomatoes need six hours of sunlight a day and regular watering in summer.',
};

let e2e: E2e;
let docsDir: string;

beforeAll(async () => {
  e2e = await startE2e('rag');
  docsDir = path.join(e2e.dataDir, 'docs');
  mkdirSync(docsDir);
  for (const [name, text] of Object.entries(documents)) writeFileSync(path.join(docsDir, name), text);
  writeFileSync(path.join(docsDir, 'empty.md'), '');
  // The model comes in through the API: the Models screen has its own test.
  await e2e.runJob('models.import', { path: modelPath, approve: true });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'create a collection, ingest a folder with a skipped file, list documents, search, ask with citations',
  async () => {
    const { page, errors: pageErrors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-collections').click();
      await page.getByTestId('collections-empty').waitFor();

      // Create: stories260K embeds and answers; small chunks for small files.
      await page.getByTestId('collection-new').click();
      await page.getByTestId('collection-name-input').fill('manuals');
      await page.getByTestId('create-embedding-model').selectOption({ label: 'stories260K' });
      await page.getByTestId('create-answer-model').selectOption({ label: 'stories260K' });
      await page.getByTestId('create-chunk-tokens').fill('128');
      await page.getByTestId('create-overlap-tokens').fill('16');
      await screenshot(page, 'rag-create');
      await page.getByTestId('collection-create-submit').click();
      const row = page.locator('[data-testid="collection-row"][data-collection-name="manuals"]');
      await row.waitFor();
      expect(await row.getByTestId('collection-version').textContent()).toBe('v1');
      await page.getByTestId('collection-settings').waitFor();
      expect(await page.getByTestId('settings-chunk-tokens').inputValue()).toBe('128');

      // Ingest the folder (access list left empty: only me); the zero-byte file is skipped with FILE_EMPTY.
      await page.getByTestId('ingest-paths').fill(docsDir);
      await page.getByTestId('ingest-start').click();
      await page.locator('[data-testid="ingest-status"][data-status="done"]').waitFor({ timeout: 120_000 });
      await expect.poll(() => page.locator('[data-testid="ingest-file"][data-state="indexed"]').count()).toBe(3);
      expect(await page.getByTestId('ingest-bar').getAttribute('value')).toBe('1');
      const skipped = page.getByTestId('ingest-skipped-row');
      expect(await skipped.count()).toBe(1);
      expect(await skipped.getAttribute('data-code')).toBe('FILE_EMPTY');
      expect(await skipped.textContent()).toContain('empty.md');
      expect(await page.getByTestId('ingest-report').textContent()).toMatch(/^3 documents indexed/);
      await expect.poll(() => row.getByTestId('collection-documents').textContent()).toBe('3');
      await screenshot(page, 'rag-collections');

      // A settings change is a new version; the history lists both.
      await page.getByTestId('settings-k').fill('5');
      await page.getByTestId('collection-settings-save').click();
      await page.getByTestId('collection-settings-saved').waitFor();
      expect(await row.getByTestId('collection-version').textContent()).toBe('v2');
      await page.getByTestId('collection-history-toggle').click();
      await expect.poll(() => page.getByTestId('collection-history-item').count()).toBe(2);
      expect(await page.getByTestId('collection-settings-save').isDisabled()).toBe(true);

      // Documents: three rows, each with its access list (the caller only).
      await page.getByTestId('nav-documents').click();
      await expect.poll(() => page.getByTestId('document-row').count()).toBe(3);
      const sources = await page.getByTestId('document-source').allTextContents();
      expect(sources.map((s) => s.split(' ')[0]).sort()).toEqual(['finance.md', 'garden.md', 'reactor.md']);
      expect(await page.getByTestId('document-acl').first().textContent()).toMatch(/^user:/);
      await screenshot(page, 'rag-documents');

      // Search: the reactor passage comes first, with its source and the query words marked.
      await page.getByTestId('nav-search').click();
      await page.getByTestId('search-query').fill('coolant pump');
      await page.getByTestId('search-submit').click();
      const hit = page.getByTestId('search-hit').first();
      await hit.waitFor();
      expect(await hit.getByTestId('hit-source').textContent()).toBe('reactor.md');
      expect(await hit.getByTestId('hit-rank').textContent()).toBe('#1');
      expect(Number(await hit.getByTestId('hit-score').textContent())).toBeGreaterThan(0);
      expect(await hit.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['coolant', 'pump']));
      await screenshot(page, 'rag-search');

      // Ask: the answer streams in (text shows while the job runs), then citations and unsupported sentences.
      await page.getByTestId('nav-ask').click();
      await page.getByTestId('ask-question').fill('How often must the coolant pump be inspected?');
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { streamed: string[] }).streamed = seen;
        new MutationObserver(() => {
          const status = document.querySelector('[data-testid="ask-status"]')?.getAttribute('data-status');
          const text = document.querySelector('[data-testid="answer"]')?.textContent ?? '';
          if (status === 'running' && text !== '' && seen.at(-1) !== text) seen.push(text);
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await page.getByTestId('ask-submit').click();
      await page.locator('[data-testid="ask-status"][data-status="done"]').waitFor({ timeout: 120_000 });
      const streamed = await page.evaluate(() => (window as unknown as { streamed: string[] }).streamed);
      expect(streamed.length, 'answer text shown while the job was still running').toBeGreaterThan(0);
      const answer = (await page.getByTestId('answer').textContent()) ?? '';
      expect(answer.trim()).not.toBe('');
      expect(await page.getByTestId('ask-trace-id').textContent()).toMatch(/^[0-9a-f-]{36}$/);
      await page.getByTestId('citations-panel').waitFor();
      const citations = await page.getByTestId('citation').count();
      const unsupported = await page.getByTestId('unsupported-item').count();
      const abstained = await page.getByTestId('ask-abstained').count();
      // A 260K-parameter story model rarely cites well: whatever it wrote, the panel accounts for it.
      expect(citations + unsupported + abstained).toBeGreaterThan(0);
      if (unsupported > 0) expect(await page.getByTestId('answer-unsupported').count()).toBeGreaterThan(0);
      if (citations > 0) {
        await page.getByTestId('citation-chip').first().click();
        await page.getByTestId('citation-passage').waitFor();
      }
      await page.getByTestId('ask-trace-toggle').click();
      await page.getByTestId('ask-trace').waitFor();
      expect(await page.getByTestId('ask-trace').textContent()).toContain('Question: How often must the coolant pump be inspected?');
      await screenshot(page, 'rag-ask');

      // Dropping the embedding model rebuilds the index in the background; the screen follows the job to its end.
      await page.getByTestId('nav-collections').click();
      await page.getByTestId('settings-embedding-model').selectOption({ label: 'none (full text only)' });
      await page.getByTestId('collection-settings-save').click();
      await page.getByTestId('collection-settings-saved').waitFor();
      expect(await page.getByTestId('collection-settings-saved').textContent()).toContain('the index is being rebuilt');
      await page.getByText('Re-indexing of "manuals" finished').waitFor({ timeout: 60_000 });
      await expect.poll(() => row.getByTestId('collection-index-status').textContent()).toBe('ready');
      expect(await row.getByTestId('collection-version').textContent()).toBe('v3');
      await expect.poll(() => row.getByTestId('collection-documents').textContent()).toBe('3');

      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

interface StubHit {
  documentId: number;
  source: string;
  chunkId: number;
  text: string;
  location: { charStart: number; charEnd: number; headingPath?: string[] };
}

test(
  'a cited answer: chips open their passage, unsupported sentences are marked, markup stays text',
  async () => {
    // Its own collection, through the API, so this test does not depend on the one above.
    await e2e.rpc('rag.collections.create', { name: 'cited' });
    await e2e.runJob('rag.ingest', { collection: 'cited', paths: [docsDir] });
    const hits: StubHit[] = [];
    for (const query of ['coolant pump', 'travel budget']) {
      const found = await e2e.rpc<{ hits: StubHit[] }>('rag.search', { collection: 'cited', query, k: 1 });
      expect(found.hits.length, query).toBe(1);
      hits.push(found.hits[0]!);
    }

    // The story model never writes [n] markers, so the core's answer is replaced at the network edge by one that
    // does, built from real hits; the passage text carries markup that must be shown as text.
    const injected = '<img src=x onerror="window.__xss=1">';
    const result = {
      answer: `The coolant pump is inspected every 90 days [1]. The travel budget is 42,000 euros [2]. The pump is painted blue ${injected}. [9]`,
      abstained: false,
      citations: hits.map((hit, i) => ({ n: i + 1, documentId: hit.documentId, source: hit.source, chunkId: hit.chunkId, text: `${hit.text}\n${injected}`, location: hit.location })),
      unsupported: [{ sentence: `The pump is painted blue ${injected}.`, reason: 'cites no passage' }],
      traceId: '00000000-0000-4000-8000-000000000000',
      promptTokens: 120,
      completionTokens: 30,
      support: { sentences: 3, supported: 2 },
      outcome: 'warned',
      context: { retrieved: 8, used: 2, dropped: 6, shortened: false, promptTokens: 900, budgetTokens: 1616 },
    };
    const { page, errors: pageErrors } = await watchedPage(e2e.browser);
    try {
      await page.route('**/rpc/rag.ask', (route) => route.fulfill({ json: { ok: true, value: { jobId: 'stub-ask' } } }));
      await page.route('**/rpc/jobs.wait', async (route) => {
        const body = route.request().postDataJSON() as { jobId?: string };
        if (body.jobId === 'stub-ask') await route.fulfill({ json: { ok: true, value: result } });
        else await route.continue();
      });
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-ask').click();
      await page.getByTestId('ask-collection').selectOption({ label: 'cited' });
      await page.getByTestId('ask-question').fill('How often is the coolant pump inspected?');
      await page.getByTestId('ask-submit').click();
      await page.locator('[data-testid="ask-status"][data-status="done"]').waitFor();

      expect(await page.getByTestId('citation-chip').count()).toBe(2);
      const unknown = page.locator('[data-testid="answer-marker"][data-state="unknown"]');
      expect(await unknown.textContent()).toBe('9');
      expect(await page.getByTestId('answer-unsupported').textContent()).toContain('painted blue');
      expect(await page.getByTestId('unsupported-item').textContent()).toContain('cites no passage');
      // Support is stated as it is, and passages left out to fit the model's context are reported.
      expect(await page.getByTestId('ask-status').textContent()).toBe('Done, with a warning: 2 of 3 sentences supported by the passages cited.');
      expect(await page.getByTestId('ask-context-note').textContent()).toContain('2 of 8 passages fit');

      // The first citation opens by itself; clicking chip [2] shows its passage, source and heading path.
      await page.locator('[data-testid="citation"][data-n="1"] [data-testid="citation-passage"]').waitFor();
      await page.locator('[data-testid="citation-chip"][data-n="2"]').click();
      const second = page.locator('[data-testid="citation"][data-n="2"]');
      await second.getByTestId('citation-passage').waitFor();
      expect(await second.getByTestId('citation-source').textContent()).toBe(hits[1]!.source.split('/').pop());
      expect(await second.getByTestId('citation-passage').textContent()).toContain(injected);
      expect(await page.locator('[data-testid="answer"] img, [data-testid="citations-panel"] img').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      await screenshot(page, 'rag-ask-cited');
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'the documents list draws only the rows in view and loads pages as it scrolls through 5,000 documents',
  async () => {
    await e2e.rpc('rag.collections.create', { name: 'large' });
    const TOTAL = 5000;
    const requested: number[] = [];
    const { page } = await watchedPage(e2e.browser);
    try {
      // The core's paging is covered by its own tests; here the list is fed synthetic pages of the right shape.
      await page.route('**/rpc/rag.documents.list', async (route) => {
        const { offset = 0, limit = 200 } = route.request().postDataJSON() as { offset?: number; limit?: number };
        requested.push(offset);
        const items = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => {
          const n = offset + i;
          return {
            id: n + 1, source: `/archive/doc-${String(n).padStart(4, '0')}.txt`, format: 'text', title: null, sizeBytes: 1000 + n, chunkCount: 1 + (n % 7),
            status: 'indexed', acl: ['group:analysts'], tags: n % 2 ? ['odd'] : [], updatedAt: '2025-01-01T00:00:00.000Z', warnings: [],
          };
        });
        await route.fulfill({ json: { ok: true, value: { total: TOTAL, items } } });
      });
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-documents').click();
      await page.getByTestId('documents-collection').selectOption({ label: 'large' });
      await expect.poll(() => page.getByTestId('documents-total').textContent()).toContain('5,000 documents');
      const list = page.getByTestId('documents-list');
      await page.locator('[data-testid="document-row"][data-source="/archive/doc-0000.txt"]').waitFor();
      const drawn = await page.getByTestId('document-row').count();
      expect(drawn).toBeGreaterThan(10);
      expect(drawn).toBeLessThan(60);

      // To the end: the last page is fetched, the last row drawn, and still only a screenful of rows exists.
      await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      await page.locator('[data-testid="document-row"][data-source="/archive/doc-4999.txt"]').waitFor();
      expect(await page.getByTestId('document-row').count()).toBeLessThan(60);
      expect(requested).toContain(4800);
      expect(requested).not.toContain(2000);

      // The middle, by scrolling: rows show, nothing is left "Loading…" once its page arrived.
      await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
      await page.locator('[data-testid="document-row"][data-source="/archive/doc-2500.txt"]').waitFor();
      await expect.poll(() => page.locator('.doc-row-loading').count()).toBe(0);
      await screenshot(page, 'rag-documents-large');
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 120_000;

let e2e: E2e;

/** A call as another account (signed in with its password), like a second expert at their own machine. */
async function rpcAs<T>(token: string, method: string, params: unknown): Promise<T> {
  const response = await fetch(`${e2e.server.origin}/rpc/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(params) });
  const result = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  e2e = await startE2e('labeling');
  await e2e.rpc('eval.datasets.import', { name: 'answers', content: ['a', 'b', 'c'].map((id) => JSON.stringify({ id, vars: { answer: `Answer ${id}` } })).join('\n'), format: 'jsonl' });
  await e2e.rpc('labeling.questions.set', { dataset: 'answers', questions: [{ name: 'quality', type: 'rating', guidelines: '5: complete and correct; 1: wrong or harmful' }, { name: 'topic', type: 'label', options: ['billing', 'safety'] }] });
  await e2e.rpc('users.add', { name: 'ben', password: 'ben-password-1', roles: ['labeler'] });
  const { sessionToken } = await rpcAs<{ sessionToken: string }>('', 'auth.signIn', { user: 'ben', password: 'ben-password-1' });
  for (const [key, quality] of [['a', 4], ['b', 2], ['c', 5]] as const) await rpcAs(sessionToken, 'labeling.submit', { dataset: 'answers', caseKey: key, labels: { quality } });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'a second expert labels the same cases beside the guidelines; agreement and disagreements appear, nobody’s labels overwritten',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-datasets').click();
      await page.locator('[data-testid="dataset-row"][data-name="answers"]').click();
      await page.getByTestId('expert-case').waitFor();
      expect(await page.getByTestId('expert-question-quality').textContent()).toContain('5: complete and correct');
      for (const [i, quality] of ['4', '3', '5'].entries()) {
        await page.locator(`[data-testid="expert-case"][data-key="${'abc'[i]}"]`).waitFor();
        await page.getByTestId('expert-input-quality').selectOption(quality);
        await page.getByTestId('expert-save').click();
        // Saved: the next case opens (the last one stays open, with the progress counting it).
        if (i < 2) await page.locator(`[data-testid="expert-case"][data-key="${'abc'[i + 1]}"]`).waitFor();
      }
      await page.locator('[data-testid="expert-progress"] tr', { hasText: 'root' }).filter({ hasText: '3' }).waitFor();
      const agreement = page.locator('[data-testid="expert-agreement"] tr[data-question="quality"]');
      await agreement.filter({ hasText: 'b: ' }).waitFor();
      expect(await agreement.textContent()).toMatch(/b: ben=2, root=3/);
      await screenshot(page, 'labeling-agreement');
      // Ben's labels are his own still.
      const ben = await e2e.rpc<{ questions: Array<{ disagreements: Array<{ labels: Record<string, number> }> }> }>('labeling.agreement', { dataset: 'answers' });
      expect(ben.questions[0]!.disagreements[0]!.labels).toEqual({ ben: 2, root: 3 });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

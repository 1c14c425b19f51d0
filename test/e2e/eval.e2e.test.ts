import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 240_000;

let e2e: E2e;
let modelId: string;

interface Run {
  id: string;
  name: string;
  status: string;
  totalItems: number;
  doneItems: number;
}
interface Result {
  id: number;
  caseKey: string;
  output: string;
  metrics: Record<string, number>;
}

const animals = ['cat', 'dog', 'bird', 'fox'];

/** Four cases, each with an expected opening, imported as a registry dataset both suites run on. */
const datasetJsonl = animals.map((animal, i) => JSON.stringify({ id: `c${i + 1}`, vars: { animal }, expected: `Once upon a time there was a ${animal}` })).join('\n');

/** A suite over the dataset: one prompt wording, stories260K with few tokens, reference metrics, an assertion, a judge and a gate. */
function suite(name: string, wording: string): string {
  return `description: ${name}
dataset: animals
prompts:
  - id: story
    raw: "${wording}"
providers:
  - id: ${modelId}
    config: { maxTokens: 12, temperature: 0, seed: 7 }
metrics: [bleu, rougeL]
defaultTest:
  assert:
    - type: icontains
      value: "the"
judge: { model: ${modelId}, rubric: [{ name: quality, description: "Is it good?" }], maxTokens: 200, reasoningChars: 80 }
thresholds: { passRate: 0.25, maxErrors: 4 }
`;
}

beforeAll(async () => {
  e2e = await startE2e('eval');
  await e2e.runJob('models.import', { path: modelPath, approve: true });
  const [model] = await e2e.rpc<Array<{ id: string }>>('models.list', {});
  modelId = model!.id;
  const dataset = await e2e.rpc<{ version: number; imported: number; errors: unknown[] }>('eval.datasets.import', { name: 'animals', content: datasetJsonl, format: 'jsonl' });
  expect(dataset).toMatchObject({ version: 1, imported: 4, errors: [] });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'runs a suite from the screen, lists runs, drills into a case and compares two runs',
  async () => {
    const { page, errors: pageErrors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-evaluations').click();
      await page.getByTestId('eval-runs-empty').waitFor();

      // A broken suite: Validate lists its problems with their line numbers.
      const text = page.getByTestId('eval-suite-text');
      const broken = suite('broken', 'Once upon a time there was a {{animal}}').replace('metrics: [bleu, rougeL]', 'metrics: [bleu, rougeL]\nasserts: []').replace('type: icontains', 'type: icontainz');
      const lineOf = (needle: string): number => broken.split('\n').findIndex((line) => line.includes(needle)) + 1;
      await text.fill(broken);
      await page.getByTestId('eval-validate').click();
      await page.getByTestId('eval-suite-problems').waitFor();
      const lines = await page.getByTestId('eval-suite-problem').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-line'))));
      expect(lines).toEqual([lineOf('asserts:'), lineOf('icontainz')]);
      expect(await page.getByTestId('eval-suite-problems').textContent()).toContain(`line ${lineOf('icontainz')}`);
      // A line number selects that line in the editor.
      await page.getByTestId('eval-suite-problem').last().getByRole('button').click();
      const selected = await text.evaluate((area: HTMLTextAreaElement) => area.value.slice(area.selectionStart, area.selectionEnd));
      expect(selected).toContain('icontainz');
      // The rejection is an HTTP 400, which Chromium logs; that one is expected.
      expect(pageErrors.splice(0)).toEqual([expect.stringContaining('status of 400')]);
      await screenshot(page, 'eval-suite-problems');

      // The first suite, validated and run from the screen; its progress shows until it finishes.
      await text.fill(suite('opening one', 'Once upon a time there was a {{animal}}'));
      await page.getByTestId('eval-validate').click();
      expect(await page.getByTestId('eval-suite-valid').textContent()).toContain('4 item(s)');
      await page.getByTestId('eval-run').click();
      await page.locator('[data-testid="eval-start-progress"][data-status="done"]').waitFor({ timeout: TIMEOUT_MS });

      // The second suite through the API: the list hears of it by events.
      const headRun = await e2e.runJob<Run>('eval.runs.start', { suite: suite('opening two', 'One day a {{animal}} went') });
      expect(headRun).toMatchObject({ status: 'succeeded', totalItems: 4, doneItems: 4 });
      const rows = page.locator('[data-testid="eval-run-row"][data-name^="opening"]');
      await expect.poll(() => page.locator('[data-testid="eval-run-row"][data-name^="opening"][data-state="succeeded"]').count(), { timeout: 30_000 }).toBe(2);
      expect(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-name')))).toEqual(['opening two', 'opening one']);
      const firstRow = page.locator('[data-testid="eval-run-row"][data-name="opening one"]');
      expect(await firstRow.getByTestId('eval-run-progress').textContent()).toBe('4/4');
      expect(await firstRow.textContent()).toContain('animals@1');
      expect(await firstRow.textContent()).toContain('stories260K');
      expect(await firstRow.getByTestId('eval-run-pass-rate').textContent()).toMatch(/^\d+(\.\d)?%$/);
      await screenshot(page, 'eval-runs');

      // A run's page: summary per prompt × model, results, and one case down to its metric values.
      const baseId = (await firstRow.getAttribute('data-run-id')) ?? '';
      const { items } = await e2e.rpc<{ items: Result[] }>('eval.runs.results', { runId: baseId });
      expect(items).toHaveLength(4);
      await firstRow.getByTestId('eval-run-open').click();
      await page.getByTestId('eval-run-header').waitFor();
      expect(await page.getByTestId('eval-group-row').count()).toBe(1);
      expect(await page.getByTestId('eval-groups').textContent()).toContain('bleu');
      await page.getByTestId('eval-gate').waitFor();
      await expect.poll(() => page.getByTestId('eval-result-row').count()).toBe(4);
      expect(await page.getByTestId('eval-results-count').textContent()).toBe('1–4 of 4');
      const target = items[0]!;
      await page.locator(`[data-testid="eval-result-row"][data-result-id="${target.id}"]`).click();
      const detail = page.getByTestId('eval-result-detail');
      await detail.waitFor();
      expect(await detail.getByTestId('eval-detail-output').textContent()).toBe(target.output);
      expect(await detail.getByTestId('eval-detail-rendered').textContent()).toBe(`Once upon a time there was a ${animals[0]}`);
      expect(await detail.getByTestId('eval-detail-expected').textContent()).toBe(`Once upon a time there was a ${animals[0]}`);
      const metrics = await detail.getByTestId('eval-detail-metric').evaluateAll((els) => els.map((el) => el.getAttribute('data-metric')));
      expect(metrics).toEqual(expect.arrayContaining(['bleu', 'rougeL', 'judge.quality']));
      expect(await detail.locator('[data-testid="eval-detail-metric"][data-metric="bleu"] b').textContent()).toMatch(/^\d/);
      expect(await detail.getByTestId('eval-detail-assertion').count()).toBe(1);
      await detail.getByTestId('eval-judge').waitFor();
      await screenshot(page, 'eval-run');
      await detail.scrollIntoViewIfNeeded();
      await screenshot(page, 'eval-run-case');

      // Failed only: the table keeps the results whose assertions failed.
      const failed = (await e2e.rpc<{ total: number }>('eval.runs.results', { runId: baseId, failedOnly: true })).total;
      expect(failed).toBeLessThan(items.length);
      await page.getByTestId('eval-failed-only').check();
      await expect.poll(() => page.getByTestId('eval-result-row').count()).toBe(failed);

      // Compare: pick both runs; the older is the base.
      await page.getByTestId('eval-back').click();
      for (const row of await rows.all()) await row.getByTestId('eval-run-pick').check();
      await page.getByTestId('eval-compare').click();
      const table = page.getByTestId('eval-compare-metrics');
      await table.waitFor();
      const comparison = await e2e.rpc<{ metrics: Array<{ metric: string; significant: boolean }>; regressions: unknown[]; improvements: unknown[] }>('eval.runs.compare', { base: baseId, head: headRun.id });
      const shown = await page.getByTestId('eval-compare-metric').evaluateAll((els) => els.map((el) => el.getAttribute('data-metric')));
      expect([...shown].sort()).toEqual(comparison.metrics.map((m) => m.metric).sort());
      expect(shown).toEqual(expect.arrayContaining(['bleu', 'rougeL']));
      expect(await page.getByTestId('eval-compare-base').textContent()).toContain('opening one');
      expect(await page.getByTestId('eval-compare-head').textContent()).toContain('opening two');
      expect(await page.getByTestId('eval-regressions').getByTestId('eval-change').count()).toBe(comparison.regressions.length);
      expect(await page.getByTestId('eval-improvements').getByTestId('eval-change').count()).toBe(comparison.improvements.length);

      // A changed case opens both results side by side.
      const change = page.getByTestId('eval-change').first();
      expect(comparison.regressions.length + comparison.improvements.length).toBeGreaterThan(0);
      const caseKey = (await change.getAttribute('data-case')) ?? '';
      await change.click();
      const pair = page.getByTestId('eval-case-pair');
      await pair.waitFor();
      await pair.getByTestId('eval-pair-base').waitFor();
      expect(await pair.getByTestId('eval-pair-base').getAttribute('data-case')).toBe(caseKey);
      expect(await pair.getByTestId('eval-pair-head').getAttribute('data-case')).toBe(caseKey);
      expect(await pair.getByTestId('eval-pair-head').getByTestId('eval-detail-rendered').textContent()).toMatch(/^One day a \w+ went$/);
      await screenshot(page, 'eval-compare');

      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  'a running run is cancelled from the list, resumed, and cancelled again',
  async () => {
    // Many cases one at a time, so the run is still working when the list offers to cancel it.
    const many = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `m${i + 1}`, vars: { animal: `${animals[i % animals.length]} ${i}` } })).join('\n');
    await e2e.rpc('eval.datasets.import', { name: 'many', content: many, format: 'jsonl' });
    const long = `description: long\ndataset: many\nprompts:\n  - id: story\n    raw: "Once upon a time there was a {{animal}}"\nproviders:\n  - id: ${modelId}\n    config: { maxTokens: 48 }\nmetrics: [bleu]\n`;
    const { page, errors: pageErrors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-evaluations').click();
      await page.getByTestId('eval-runs').or(page.getByTestId('eval-runs-empty')).first().waitFor();

      // Started through the API: the list learns of it by its jobs.started event; the run names its job, which Cancel stops.
      const started = await e2e.rpc<{ jobId: string }>('eval.runs.start', { suite: long, concurrency: 1 });
      const row = page.locator('[data-testid="eval-run-row"][data-name="long"]');
      await row.and(page.locator('[data-state="running"]')).waitFor();
      const cancel = row.getByTestId('eval-run-cancel');
      await expect.poll(() => cancel.isEnabled()).toBe(true);
      await cancel.click();
      await row.and(page.locator('[data-state="cancelled"]')).waitFor();
      await expect(e2e.rpc('jobs.wait', { jobId: started.jobId })).rejects.toThrow(/CANCELLED/);
      const stoppedAt = Number(((await row.getByTestId('eval-run-progress').textContent()) ?? '').split('/')[0]);
      expect(stoppedAt).toBeLessThan(300);

      // Resume continues it under a new job, which the run names in turn.
      await row.getByTestId('eval-run-resume').click();
      await row.and(page.locator('[data-state="running"]')).waitFor();
      await expect.poll(() => row.getByTestId('eval-run-cancel').isEnabled()).toBe(true);
      await screenshot(page, 'eval-runs-running');
      await row.getByTestId('eval-run-cancel').click();
      await row.and(page.locator('[data-state="cancelled"]')).waitFor();
      await row.getByTestId('eval-run-resume').waitFor();
      // The resumed job was this window's: its jobs.wait answers CANCELLED, an HTTP 409 that Chromium logs.
      await expect.poll(() => pageErrors.length).toBe(1);
      expect(pageErrors).toEqual([expect.stringContaining('status of 409')]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

test(
  "a judged run with two prompts shows each group, the pairwise verdict in both orders, and the judge's agreement with human labels",
  async () => {
    const judged = `description: judged
prompts:
  - id: a
    raw: "Once upon a time there was a {{animal}}"
  - id: b
    raw: "One day a {{animal}}"
providers:
  - id: ${modelId}
    config: { maxTokens: 8 }
judge: { model: ${modelId}, rubric: [{ name: quality, description: "Is it good?" }], maxTokens: 200, reasoningChars: 60, pairwise: true }
tests:
  - vars: { animal: cat }
    human: { score: 3, preference: A }
  - vars: { animal: dog }
    human: { score: 2, preference: B }
`;
    const run = await e2e.runJob<Run>('eval.runs.start', { suite: judged });
    const { page, errors: pageErrors } = await watchedPage(e2e.browser);
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-evaluations').click();
      await page.locator(`[data-testid="eval-run-row"][data-run-id="${run.id}"]`).click();
      await page.getByTestId('eval-summary').waitFor();
      // Two prompt groups and the total.
      await expect.poll(() => page.getByTestId('eval-group-row').count()).toBe(3);
      expect(await page.getByTestId('eval-agreement').textContent()).toMatch(/Judge vs human score.*n = 4.*Pairwise vs human.*n = 2/);
      // A result of prompt b carries the pairwise verdict against a, in both orders.
      await page.locator('[data-testid="eval-result-row"][data-prompt="b"]').first().click();
      const pairwise = page.getByTestId('eval-result-detail').getByTestId('eval-judge-pairwise');
      await pairwise.waitFor();
      expect(await pairwise.textContent()).toMatch(/against prompt a.*Order AB.*Order BA/s);
      await pairwise.scrollIntoViewIfNeeded();
      await screenshot(page, 'eval-run-judged');
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);

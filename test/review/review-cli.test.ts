import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { as, coreClient } from '../../electron/core/host/core-client.js';
import { localContext } from '../../electron/core/contract/context.js';
import type { AskResult } from '../../electron/core/contract/rag.api.js';
import { createInProcessCore } from '../../electron/core/host/core-handle.js';
import { runCli } from '../helpers/cli.js';
import { models, tempDir } from '../helpers/fixtures.js';

// The CLI over a data directory the core filled: a held answer to review, and two labelers' labels to compare.
describe('enclave review and enclave datasets agreement', () => {
  const temp = tempDir();
  const data = ['--data-dir', path.join(temp.dir, 'data'), '--models-dir', temp.dir];
  let held: AskResult;

  beforeAll(async () => {
    const docs = path.join(temp.dir, 'docs');
    mkdirSync(docs, { recursive: true });
    writeFileSync(path.join(docs, 'pump.md'), '# Pump\n\nThe coolant pump is inspected by the engineer every ninety days.\n');
    const core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    const api = coreClient(core, localContext('test'));
    try {
      await api.job('models.import', { path: models.stories, name: 'stories', approve: true });
      await api.call('rag.collections.create', { name: 'clinical', settings: { answer: { model: 'stories', maxTokens: 16 } } });
      await api.job('rag.ingest', { collection: 'clinical', paths: [docs], acl: ['public'] });
      await api.call('eval.datasets.import', { name: 'answers', content: ['a', 'b', 'c', 'd'].map((id) => JSON.stringify({ id, vars: { q: id } })).join('\n'), format: 'jsonl' });
      await api.call('labeling.questions.set', { dataset: 'answers', questions: [{ name: 'verdict', type: 'label', options: ['good', 'bad'] }] });
      // Two labelers, four cases, agreeing on three: Cohen's κ = (0.75 − 0.5) / (1 − 0.5) = 0.5.
      const labels = { ana: ['good', 'good', 'bad', 'bad'], ben: ['good', 'bad', 'bad', 'bad'] };
      for (const [who, values] of Object.entries(labels)) {
        for (const [i, value] of values.entries()) await api.call('labeling.submit', { dataset: 'answers', caseKey: 'abcd'[i]!, labels: { verdict: value } }, { ...as(who), roles: ['labeler'] });
      }
    } finally {
      await core.close();
    }
    const update = await runCli(['collections', 'update', 'clinical', '--review', 'always', '--json', ...data]);
    expect(update.code, update.stderr).toBe(0);
    const core2 = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    try {
      held = await coreClient(core2, as('alice')).job<AskResult>('rag.ask', { collection: 'clinical', question: 'How often is the coolant pump inspected?' });
    } finally {
      await core2.close();
    }
  }, 180_000);
  afterAll(() => temp.cleanup());

  test('collections update --review keeps the rest; review list, reject with a reason, result', async () => {
    expect(held.outcome).toBe('held');
    const list = await runCli(['review', 'list', '--json', ...data]);
    expect(list.code, list.stderr).toBe(0);
    const items = list.json<Array<{ id: string; requester: string; ageSeconds: number }>>();
    expect(items.map((i) => i.id)).toEqual([held.review!.id]);
    const rejected = await runCli(['review', 'reject', held.review!.id, '--reason', 'Off topic', ...data]);
    expect(rejected.code, rejected.stderr).toBe(0);
    const result = await runCli(['review', 'result', held.review!.id, '--json', ...data]);
    expect(result.json()).toMatchObject({ status: 'rejected', text: null, reason: 'Off topic' });
  }, 120_000);

  test('datasets agreement --json gives the statistics', async () => {
    const run = await runCli(['datasets', 'agreement', 'answers', '--json', ...data]);
    expect(run.code, run.stderr).toBe(0);
    const report = run.json<{ cohenKappa: number; fleissKappa: number; krippendorffAlpha: number; questions: Array<{ disagreements: Array<{ caseKey: string }> }> }>();
    expect(report.cohenKappa).toBeCloseTo(0.5, 12);
    // Fleiss' κ for two raters is Scott's π: p_e from the pooled labels (3 good, 5 bad of 8) → (0.75 − 0.53125) / 0.46875.
    expect(report.fleissKappa).toBeCloseTo((0.75 - 0.53125) / 0.46875, 12);
    // Krippendorff's α (nominal) corrects π for the sample size: 1 − (n − 1)·D_o / D_e with n = 8 values.
    expect(report.krippendorffAlpha).toBeCloseTo(1 - (7 * 2) / (2 * 3 * 5), 12);
    expect(report.questions[0]!.disagreements.map((d) => d.caseKey)).toEqual(['b']);
  }, 60_000);
});

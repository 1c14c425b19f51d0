import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CallContext } from '../../electron/core/contract/context.js';
import { localContext } from '../../electron/core/contract/context.js';
import type { AgreementReport } from '../../electron/core/contract/labeling.api.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { tempDir } from '../helpers/fixtures.js';

const labeler = (user: string): CallContext => ({ ...localContext('test', user), roles: ['labeler'] });

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers rate 12 units 1–5 with
// missing values; published α: nominal 0.743, ordinal 0.815. Labeled through the API, the report must give them.
const observers: Array<Array<number | null>> = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const names = ['ana', 'ben', 'cy', 'dee'];
const cases = Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `u${i + 1}`, vars: { answer: `answer ${i + 1}` } })).join('\n');

describe('labeling by several experts', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;

  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    api = coreClient(core, localContext('test'));
    await api.call('eval.datasets.import', { name: 'answers', content: cases, format: 'jsonl' });
    await api.call('labeling.questions.set', {
      dataset: 'answers',
      questions: [
        { name: 'quality', type: 'rating', guidelines: '5: complete and correct; 1: wrong or harmful' },
        { name: 'topic', type: 'label', options: ['billing', 'safety'] },
        { name: 'fix', type: 'corrected' },
      ],
    });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('two labelers label the same case: each keeps their own label', async () => {
    await api.call('labeling.submit', { dataset: 'answers', caseKey: 'u1', labels: { topic: 'billing' } }, labeler('ana'));
    await api.call('labeling.submit', { dataset: 'answers', caseKey: 'u1', labels: { topic: 'safety' } }, labeler('ben'));
    const ana = await api.call<{ cases: Array<{ key: string; mine: Record<string, unknown> }>; questions: Array<{ guidelines: string }> }>('labeling.queue', { dataset: 'answers' }, labeler('ana'));
    expect(ana.cases.find((c) => c.key === 'u1')!.mine).toEqual({ topic: 'billing' });
    expect(ana.questions[0]!.guidelines).toMatch(/complete and correct/);
    const ben = await api.call<{ cases: Array<{ key: string; mine: Record<string, unknown> }> }>('labeling.queue', { dataset: 'answers' }, labeler('ben'));
    expect(ben.cases.find((c) => c.key === 'u1')!.mine).toEqual({ topic: 'safety' });
    const report = await api.call<AgreementReport>('labeling.agreement', { dataset: 'answers' });
    const topic = report.questions.find((q) => q.question === 'topic')!;
    expect(topic.disagreements).toEqual([{ caseKey: 'u1', labels: { ana: 'billing', ben: 'safety' }, gold: null }]);
  });

  test('values must fit their question', async () => {
    expect((await api.failure('labeling.submit', { dataset: 'answers', caseKey: 'u2', labels: { quality: 7 } }, labeler('ana'))).message).toMatch(/rating from 1 to 5/);
    expect((await api.failure('labeling.submit', { dataset: 'answers', caseKey: 'u2', labels: { topic: 'sports' } }, labeler('ana'))).message).toMatch(/one of billing, safety/);
    expect((await api.failure('labeling.submit', { dataset: 'answers', caseKey: 'nope', labels: { quality: 1 } }, labeler('ana'))).code).toBe('DATASET_CASE_NOT_FOUND');
  });

  test("the agreement report reproduces Krippendorff's published α and Fleiss' and Cohen's κ from the same labels", async () => {
    for (const [o, values] of observers.entries()) {
      for (const [u, value] of values.entries()) {
        if (value !== null) await api.call('labeling.submit', { dataset: 'answers', caseKey: `u${u + 1}`, labels: { quality: value } }, labeler(names[o]!));
      }
    }
    const report = await api.call<AgreementReport>('labeling.agreement', { dataset: 'answers' });
    expect(report.question).toBe('quality');
    const quality = report.questions[0]!;
    expect(quality.units).toBe(11);
    expect(quality.krippendorffAlphaNominal).toBeCloseTo(0.743, 3);
    expect(quality.krippendorffAlphaOrdinal).toBeCloseTo(0.815, 3);
    expect(report.krippendorffAlpha).toBeCloseTo(0.815, 3);
    expect(quality.pairs).toHaveLength(6);
    expect(report.cohenKappa).toBeGreaterThan(0.5);
    expect(report.fleissKappa).toBeGreaterThan(0.5);
    expect(quality.disagreements.map((d) => d.caseKey).sort()).toEqual(['u2', 'u6', 'u8']);
    // Free-text questions list differences only.
    expect(report.questions.find((q) => q.question === 'fix')!.krippendorffAlpha).toBeNull();
  });

  test('an adjudicated gold label is kept and shown with the disagreement', async () => {
    await api.call('labeling.adjudicate', { dataset: 'answers', caseKey: 'u6', question: 'quality', value: 2, reason: 'Partly right' });
    const report = await api.call<AgreementReport>('labeling.agreement', { dataset: 'answers' });
    expect(report.questions[0]!.disagreements.find((d) => d.caseKey === 'u6')!.gold).toBe(2);
    expect(await api.call('labeling.gold', { dataset: 'answers' })).toEqual([expect.objectContaining({ caseKey: 'u6', question: 'quality', value: 2, adjudicatedBy: 'local', reason: 'Partly right' })]);
    // Published, the gold label is the case's human label, which the judge's agreement with humans reads.
    const published = await api.call<{ version: number; changed: number }>('labeling.publishGold', { dataset: 'answers' });
    expect(published).toMatchObject({ version: 2, changed: 1 });
    const shown = await api.call<{ cases: Array<{ key: string; human: unknown }> }>('eval.datasets.show', { dataset: 'answers' });
    expect(shown.cases.find((c) => c.key === 'u6')!.human).toEqual({ score: 2 });
    // Labelers may label; adjudication is for those who run evaluations.
    expect((await api.failure('labeling.adjudicate', { dataset: 'answers', caseKey: 'u6', question: 'quality', value: 3 }, labeler('ana'))).code).toBe('FORBIDDEN');
  });

  test('assignments with an overlap: each case twice, even load, a labeler may label only their cases; progress per labeler', async () => {
    const assigned = await api.call<{ cases: number; assignments: Array<{ labeler: string; cases: number }> }>('labeling.assign', { dataset: 'answers', labelers: ['eve', 'finn', 'gus'], overlap: 2 });
    expect(assigned.cases).toBe(12);
    expect(assigned.assignments).toEqual([{ labeler: 'eve', cases: 8 }, { labeler: 'finn', cases: 8 }, { labeler: 'gus', cases: 8 }]);
    const queue = await api.call<{ cases: Array<{ key: string }> }>('labeling.queue', { dataset: 'answers' }, labeler('eve'));
    expect(queue.cases).toHaveLength(8);
    const notMine = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'u10', 'u11', 'u12'].find((k) => !queue.cases.some((c) => c.key === k))!;
    expect((await api.failure('labeling.submit', { dataset: 'answers', caseKey: notMine, labels: { quality: 3 } }, labeler('eve'))).code).toBe('FORBIDDEN');
    await api.call('labeling.submit', { dataset: 'answers', caseKey: queue.cases[0]!.key, labels: { quality: 3 } }, labeler('eve'));
    const progress = await api.call<Array<{ labeler: string; assigned: number; labeled: number }>>('labeling.progress', { dataset: 'answers' });
    expect(progress.find((p) => p.labeler === 'eve')).toEqual({ labeler: 'eve', assigned: 8, labeled: 1 });
    expect(progress.find((p) => p.labeler === 'gus')).toEqual({ labeler: 'gus', assigned: 8, labeled: 0 });
  });
});

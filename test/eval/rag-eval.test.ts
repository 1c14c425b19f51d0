import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EvalResult, EvalRun } from '../../electron/core/contract/eval.api.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { tempDir } from '../helpers/fixtures.js';
import { storiesModel } from './helpers/fixtures.js';

describe('RAG cases: the product’s own retrieval and answers, scored with RAG metrics', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let client: ReturnType<typeof coreClient>;
  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    client = coreClient(core);
    const docs = path.join(temp.dir, 'docs');
    mkdirSync(docs);
    writeFileSync(path.join(docs, 'pump.md'), '# Coolant pump\n\nThe coolant pump is inspected every month by the site engineer.\n\nThe pump runs at 40 bar.');
    writeFileSync(path.join(docs, 'canteen.md'), '# Canteen\n\nThe canteen opens at noon and serves soup on Fridays.');
    // More documents, so the question's words are rare enough for BM25 to keep them (common terms are dropped).
    for (const topic of ['parking', 'badges', 'fire drills', 'visitors', 'printers']) writeFileSync(path.join(docs, `${topic}.md`), `# ${topic}\n\nRules about ${topic} are posted at reception.`);
    const model = await client.job<{ name: string }>('models.import', { path: storiesModel, approve: true });
    await client.call('rag.collections.create', { name: 'plant', settings: { answer: { model: model.name, maxTokens: 24 }, retrieval: { minRelevance: 0 } } });
    await client.job('rag.ingest', { collection: 'plant', paths: [docs], acl: ['public'] });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('a rag suite asks the collection and stores contexts, faithfulness, recall, precision and hallucination', async () => {
    const suite = `description: plant rag
rag: { collection: plant, k: 2 }
embeddingModel: ${storiesModel}
metrics: [faithfulness, answer_relevance, context_precision, context_recall, hallucination, f1]
defaultTest:
  assert:
    - type: context-recall
      threshold: 0.5
tests:
  - vars: { question: "How often is the coolant pump inspected?" }
    expected: "The coolant pump is inspected every month."
  - vars: { question: "When does the canteen open?" }
    expected: "The canteen opens at noon."
thresholds:
  metrics: { context_recall: 0.5 }
`;
    const run = await client.job<EvalRun>('eval.runs.start', { suite });
    expect(run.status).toBe('succeeded');
    expect(run.models).toEqual(['']);
    const { items } = await client.call<{ items: EvalResult[] }>('eval.runs.results', { runId: run.id });
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.status).toBe('ok');
      expect(item.contexts.length).toBeGreaterThan(0);
      expect(item.rendered).toMatchObject({ question: item.vars.question, traceId: expect.any(String) });
      for (const name of ['answer_relevance', 'context_precision', 'context_recall']) {
        expect(item.metrics[name]).toBeGreaterThanOrEqual(0);
        expect(item.metrics[name]).toBeLessThanOrEqual(1);
      }
      // The retrieved passages hold the reference answers.
      expect(item.metrics.context_recall).toBe(1);
      expect(item.assertions[0]).toMatchObject({ type: 'context-recall', passed: true, score: 1 });
    }
    const pump = items.find((i) => String(i.vars.question).includes('pump'))!;
    expect(pump.contexts[0]).toContain('inspected every month');
    expect(pump.metrics.context_precision).toBe(1);
    expect(run.gate?.passed).toBe(true);
    // Faithfulness is defined when the answer makes claims; the hallucination rate follows from it.
    const rated = items.filter((i) => i.metrics.faithfulness !== undefined);
    if (rated.length > 0) expect(run.summary?.hallucinationRate).toBe(rated.filter((i) => i.metrics.faithfulness! < 1).length / rated.length);
  });

  test('with a claim judge, a local model verifies each answer claim against the contexts (RAGAS’s LLM step)', async () => {
    const suite = `description: plant rag judged
rag: { collection: plant, k: 2, claimJudge: { model: ${storiesModel}, maxTokens: 512 } }
metrics: [faithfulness, context_recall, hallucination]
tests:
  - vars: { question: "How often is the coolant pump inspected?" }
    expected: "The coolant pump is inspected every month."
`;
    const run = await client.job<EvalRun>('eval.runs.start', { suite });
    expect(run.status).toBe('succeeded');
    const { items } = await client.call<{ items: EvalResult[] }>('eval.runs.results', { runId: run.id });
    const [item] = items;
    // Every verdict parses (the grammar forces one per claim); stories260K's verdicts are arbitrary, their shape is not.
    expect(item!.judge?.error ?? null).toBeNull();
    expect(item!.metrics.context_recall).toBeGreaterThanOrEqual(0);
    expect(item!.metrics.context_recall).toBeLessThanOrEqual(1);

    // A budget too small for the verdicts is a typed error on the item, and the metrics it would have decided are left out.
    const starved = await client.job<EvalRun>('eval.runs.start', { suite: suite.replace('maxTokens: 512', 'maxTokens: 16') });
    const { items: starvedItems } = await client.call<{ items: EvalResult[] }>('eval.runs.results', { runId: starved.id });
    expect(starvedItems[0]!.judge?.error).toMatchObject({ code: 'JUDGE_OUTPUT_INVALID', message: expect.stringContaining('raise rag.claimJudge.maxTokens') });
    expect(starvedItems[0]!.metrics.context_recall).toBeUndefined();
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReviewItem } from '../../electron/core/contract/review.api.js';
import { localContext } from '../../electron/core/contract/context.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { models, tempDir } from '../helpers/fixtures.js';

type List = { traces: Array<{ id: string; score: number | null }> };

// Real core, real judge (stories260K): a RAG answer already delivered and judged below `reviewBelow` joins the
// review queue as post-release review; judged at or above it, it does not.
describe('post-release review on a low online judge score', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;

  beforeAll(async () => {
    const docs = path.join(temp.dir, 'docs');
    mkdirSync(docs, { recursive: true });
    writeFileSync(path.join(docs, 'pump.md'), '# Pump\n\nThe coolant pump is inspected by a certified engineer every ninety days.\n');
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    api = coreClient(core, localContext('test'));
    await api.job('models.import', { path: models.stories, name: 'stories', approve: true });
    await api.call('rag.collections.create', { name: 'manuals', settings: { answer: { model: 'stories', maxTokens: 12 } } });
    await api.job('rag.ingest', { collection: 'manuals', paths: [docs], acl: ['public'] });
  }, 120_000);
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  async function askAndWaitForScore(question: string): Promise<{ traceId: string; score: number }> {
    const answer = await api.job<{ traceId: string }>('rag.ask', { collection: 'manuals', question });
    for (let i = 0; i < 120; i++) {
      const trace = (await api.call<List>('traces.list', { operation: 'rag.ask', minScore: 1 })).traces.find((t) => t.id === answer.traceId);
      if (trace?.score != null) return { traceId: answer.traceId, score: trace.score };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the answer was never judged');
  }

  test('judged below the threshold: a pending review item with reason low-judge-score; at or above: none', async () => {
    // Scores are 1–5: a threshold of 1 sends nothing to review, one above 5 sends every judged answer.
    await api.call('monitor.online.set', { rate: 1, judgeModel: 'stories', criterion: 'Does the answer say how often the pump is inspected?', maxTokens: 400, reviewBelow: 1 });
    const kept = await askAndWaitForScore('How often is the coolant pump inspected?');
    expect((await api.call<ReviewItem[]>('review.list', { status: 'all' })).filter((i) => i.traceId === kept.traceId)).toEqual([]);

    await api.call('monitor.online.set', { rate: 1, judgeModel: 'stories', criterion: 'Does the answer say how often the pump is inspected?', maxTokens: 400, reviewBelow: 6 });
    const flagged = await askAndWaitForScore('Who inspects the coolant pump?');
    await api.call('monitor.online.set', { rate: 0, judgeModel: null });
    const item = (await api.call<ReviewItem[]>('review.list', { status: 'pending' })).find((i) => i.traceId === flagged.traceId);
    expect(item).toMatchObject({ kind: 'rag.answer', status: 'pending', reasons: ['low-judge-score', 'post-release'], requester: localContext('test').user });
    const detail = await api.call<{ question: string; heldOutput: string }>('review.show', { reviewId: item!.id });
    expect(detail.question).toBe('Who inspects the coolant pump?');
    expect(detail.heldOutput.length).toBeGreaterThan(0);
  }, 120_000);
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AskResult } from '../../electron/core/contract/rag.api.js';
import { localContext } from '../../electron/core/contract/context.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { ABSTENTION } from '../../electron/core/rag/answer/citations.js';
import { HELD_FOR_REVIEW } from '../../electron/core/rag/answer/ask.service.js';
import { models, tempDir } from '../helpers/fixtures.js';

// An ask with a collection's default settings must fit its answer model (stories260K holds 2,048 tokens; eight
// default 512-token passages do not), and the answer's support is reported as it is, with the policy applied.
describe('asks are honest about their context and their support', () => {
  const temp = tempDir();
  const docs = path.join(temp.dir, 'docs');
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;
  const question = 'How often is the coolant pump inspected by the engineer?';

  beforeAll(async () => {
    mkdirSync(docs, { recursive: true });
    // Ten long documents that all match the question: retrieval returns k = 8 full-size passages.
    const paragraph = 'The coolant pump is inspected by a certified engineer every ninety days, and the inspection log records the pump pressure, the seal wear and the engineer who signed it. ';
    for (let i = 0; i < 10; i++) writeFileSync(path.join(docs, `pump-${i}.md`), `# Pump manual ${i}\n\n${paragraph.repeat(30)}`);
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    api = coreClient(core, localContext('test'));
    await api.job('models.import', { path: models.stories, name: 'stories', approve: true });
    await api.call('rag.collections.create', { name: 'manuals', settings: { answer: { model: 'stories', maxTokens: 48 } } });
    await api.job('rag.ingest', { collection: 'manuals', paths: [docs], acl: ['public'] });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('default k = 8 on stories260K: the best passages that fit are used, the rest reported as dropped', async () => {
    const result = await api.job<AskResult>('rag.ask', { collection: 'manuals', question });
    expect(result.context.retrieved).toBe(8);
    expect(result.context.dropped).toBeGreaterThan(0);
    expect(result.context.used).toBeGreaterThan(0);
    expect(result.context.used + result.context.dropped).toBe(8);
    expect(result.context.promptTokens).toBeLessThanOrEqual(result.context.budgetTokens);
    expect(result.promptTokens + result.completionTokens).toBeLessThanOrEqual(2048);
  });

  test('support is stated as it is; the collection policy decides what an unsupported answer becomes', async () => {
    // stories260K writes children's stories: its sentences cite nothing, so none is supported.
    const warned = await api.job<AskResult>('rag.ask', { collection: 'manuals', question });
    expect(warned.support.sentences).toBeGreaterThan(0);
    expect(warned.support.supported).toBeLessThan(warned.support.sentences);
    expect(warned.outcome).toBe('warned');
    expect(warned.answer).not.toBe(ABSTENTION);

    await api.call('rag.collections.update', { collection: 'manuals', settings: { answer: { unsupported: 'abstain' } } });
    const replaced = await api.job<AskResult>('rag.ask', { collection: 'manuals', question });
    expect(replaced).toMatchObject({ outcome: 'replaced', answer: ABSTENTION, abstained: true, citations: [] });

    await api.call('rag.collections.update', { collection: 'manuals', settings: { answer: { unsupported: 'review' } } });
    const tokens: string[] = [];
    const unsubscribe = core.subscribe((event) => {
      if (event.topic === 'inference.tokensGenerated') tokens.push(event.data.text);
    });
    const held = await api.job<AskResult>('rag.ask', { collection: 'manuals', question });
    unsubscribe();
    expect(held).toMatchObject({ outcome: 'held', answer: HELD_FOR_REVIEW });
    // Nothing of the held answer was streamed to the requester before the check, nor can they read it in the trace.
    expect(tokens.join('')).toBe(HELD_FOR_REVIEW);
    expect((await api.call<{ output: string }>('rag.traces.get', { traceId: held.traceId })).output).toBe(HELD_FOR_REVIEW);
  }, 240_000);
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditEntry } from '../../electron/core/contract/audit.api.js';
import { localContext } from '../../electron/core/contract/context.js';
import type { AbTest, PromptRunResult } from '../../electron/core/contract/prompts.api.js';
import type { AskResult } from '../../electron/core/contract/rag.api.js';
import type { Model } from '../../electron/core/contract/schemas.js';
import { as, coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { BLOCKED_QUESTION } from '../../electron/core/rag/answer/answer-guard.js';
import { BLOCKED_VARIABLES } from '../../electron/core/prompts/prompt-run.service.js';
import { models, tempDir } from '../helpers/fixtures.js';

const owner = localContext('test');
const alice = as('alice', ['analysts']);
const story = { name: 'story', user: 'Once upon a time {{hero}} met', kind: 'completion', params: { model: 'stories', maxTokens: 12, temperature: 0 } };

describe('registry prompts run by name@label in the playground path and in RAG answers, with their own guardrails', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;

  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    api = coreClient(core, owner);
    await api.job<Model>('models.import', { path: models.stories, name: 'stories', approve: true }, owner);
    await api.call('prompts.create', story);
    await api.call('prompts.label', { prompt: 'story', label: 'staging', version: '1.0.0' });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('prompts.run resolves name@label, renders, generates with the version’s parameters and streams', async () => {
    const run = await api.job<PromptRunResult>('prompts.run', { ref: 'story@staging', variables: { hero: 'a cat' } });
    expect(run).toMatchObject({ name: 'story', version: '1.0.0', model: 'stories', blocked: false, ab: null });
    expect(run.completionTokens).toBeGreaterThan(0);
    expect(run.completionTokens).toBeLessThanOrEqual(12);
    expect(run.text.length).toBeGreaterThan(0);
    // Greedy parameters from the version: the same variables give the same text.
    expect((await api.job<PromptRunResult>('prompts.run', { ref: 'story@1.0.0', variables: { hero: 'a cat' } })).text).toBe(run.text);
    expect((await api.jobFailure('prompts.run', { ref: 'story@staging', variables: {} })).message).toContain('hero');
    expect((await api.jobFailure('prompts.run', { ref: 'nope@staging' })).code).toBe('PROMPT_NOT_FOUND');
  });

  test('variables pass the version’s input guardrails: redacted by default, refused when the version says block', async () => {
    const redacted = await api.job<PromptRunResult>('prompts.run', { ref: 'story', variables: { hero: 'jane.doe@example.com' } });
    expect(redacted.guard).toContainEqual(expect.objectContaining({ stage: 'input', scanner: 'pii', outcome: 'redacted', reasons: expect.arrayContaining(['variable:hero']) }));

    const strict = await api.call<{ version: { version: string; guard: unknown }; suggestion: { reasons: Array<{ bump: string; reason: string }> } }>('prompts.version', {
      prompt: 'story', guard: { input: { pii: { action: 'block' } } }, message: 'refuse personal data',
    });
    expect(strict.version.version).toBe('1.1.0');
    expect(strict.suggestion.reasons).toEqual([{ bump: 'minor', reason: 'guardrails changed' }]);
    const diff = await api.call<{ fields: Array<{ field: string; changed: boolean }> }>('prompts.diff', { prompt: 'story', from: '1.0.0', to: '1.1.0' });
    expect(JSON.stringify(diff)).toContain('"field":"guard","changed":true');

    const refused = await api.job<PromptRunResult>('prompts.run', { ref: 'story@1.1.0', variables: { hero: 'jane.doe@example.com' } });
    expect(refused).toMatchObject({ blocked: true, text: BLOCKED_VARIABLES, completionTokens: 0 });
    const audit = await api.call<{ entries: AuditEntry[] }>('audit.list', { action: 'guard.blocked' });
    expect(audit.entries.map((e) => e.target)).toContain('prompt:story@1.1.0');
  });

  test('a bad guard override is refused when the version is made, naming the setting', async () => {
    const typo = await api.failure('prompts.version', { prompt: 'story', guard: { inptu: { pii: { action: 'block' } } }, message: 'typo' });
    expect(typo).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('guard.inptu') });
    const value = await api.failure('prompts.version', { prompt: 'story', guard: { input: { pii: { action: 'shred' } } }, message: 'bad value' });
    expect(value).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('guard.input.pii.action') });
  });

  test('an A/B test splits prompts.run callers and collects latency per arm', async () => {
    await api.call('prompts.label', { prompt: 'story', label: 'production', version: '1.0.0' });
    await api.call('prompts.label', { prompt: 'story', label: 'canary', version: '1.1.0' });
    const ab = await api.call<AbTest>('prompts.ab.create', { prompt: 'story', controlLabel: 'production', candidateLabel: 'canary', candidatePercent: 100, monitor: { metric: 'latencyMs' } });
    const run = await api.job<PromptRunResult>('prompts.run', { ref: 'story@production', variables: { hero: 'a dog' }, subject: 'user-1' });
    expect(run).toMatchObject({ version: '1.1.0', ab: { testId: ab.id, arm: 'candidate' } });
    const after = await api.call<AbTest>('prompts.ab.get', { testId: ab.id });
    expect(after.arms.find((a) => a.arm === 'candidate')).toMatchObject({ n: 1 });
    // A pinned version is never split.
    expect((await api.job<PromptRunResult>('prompts.run', { ref: 'story@1.0.0', variables: { hero: 'a dog' }, subject: 'user-1' })).ab).toBeNull();
    await api.call('prompts.ab.rollback', { testId: ab.id });
  });

  test('RAG answers use the collection’s registry prompt or the request’s, with the prompt’s guardrails on top', async () => {
    const folder = path.join(temp.dir, 'docs');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'pumps.md'), '# Pumps\n\nThe coolant pump must be inspected every 90 days by a certified engineer.');
    await api.call('prompts.create', {
      name: 'answer', system: 'Answer from the passages only and cite them like [1].', user: 'Passages:\n{{context}}\n\nQuestion: {{question}}\nAnswer:',
      params: { maxTokens: 16, temperature: 0 },
    });
    await api.call('rag.collections.create', { name: 'ops', settings: { answer: { model: 'stories', promptRef: 'answer' } } });
    await api.job('rag.ingest', { collection: 'ops', paths: [folder], acl: ['public'] });

    const asked = await api.job<AskResult>('rag.ask', { collection: 'ops', question: 'How often is the coolant pump inspected?' }, alice);
    expect(asked.prompt).toEqual({ name: 'answer', version: '1.0.0', ab: null });
    expect(asked.abstained).toBe(false);

    await api.call('prompts.version', { prompt: 'answer', guard: { input: { pii: { action: 'block' } } }, message: 'no personal data in questions' });
    const blocked = await api.job<AskResult>('rag.ask', { collection: 'ops', question: 'Does jane.doe@example.com inspect the coolant pump?' }, alice);
    expect(blocked).toMatchObject({ answer: BLOCKED_QUESTION, prompt: { name: 'answer', version: '1.1.0' } });
    // The collection's own prompt (no registry prompt named) only redacts.
    const plain = await api.job<AskResult>('rag.ask', { collection: 'ops', question: 'Does jane.doe@example.com inspect the coolant pump?', prompt: 'answer@1.0.0' }, alice);
    expect(plain.answer).not.toBe(BLOCKED_QUESTION);

    await api.call('prompts.create', { name: 'needs-more', user: '{{context}} {{question}} for {{audience}}' });
    const refused = await api.jobFailure('rag.ask', { collection: 'ops', question: 'How often is the pump inspected?', prompt: 'needs-more' }, alice);
    expect(refused).toMatchObject({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('{{audience}}') });
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CallContext } from '../../electron/core/contract/context.js';
import { localContext } from '../../electron/core/contract/context.js';
import type { AskResult } from '../../electron/core/contract/rag.api.js';
import type { ReviewDetail, ReviewItem, ReviewResult } from '../../electron/core/contract/review.api.js';
import type { CoreEvent } from '../../electron/core/contract/events.js';
import { coreClient, as } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { HELD_BY_POLICY } from '../../electron/core/rag/answer/ask.service.js';
import { REJECTED_ANSWER } from '../../electron/core/review/review.service.js';
import { models, tempDir } from '../helpers/fixtures.js';

// A collection whose every answer needs a person (review = always): the requester sees "held", a reviewer works the
// queue, and the requester then reads what was released — on real SQLite, the real stories260K model.
describe('the review queue holds answers until a reviewer releases them', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;
  const alice = as('alice');
  const bob: CallContext = { ...localContext('test', 'bob'), roles: ['reviewer'] };
  const question = 'How often is the coolant pump inspected by the engineer?';
  const events: CoreEvent[] = [];

  beforeAll(async () => {
    const docs = path.join(temp.dir, 'docs');
    mkdirSync(docs, { recursive: true });
    writeFileSync(path.join(docs, 'pump.md'), '# Pump manual\n\nThe coolant pump is inspected by a certified engineer every ninety days.\n');
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    api = coreClient(core, localContext('test'));
    core.subscribe((event) => events.push(event));
    await api.job('models.import', { path: models.stories, name: 'stories', approve: true });
    await api.call('rag.collections.create', { name: 'clinical', settings: { answer: { model: 'stories', maxTokens: 24 } } });
    await api.job('rag.ingest', { collection: 'clinical', paths: [docs], acl: ['public'] });
  }, 120_000);
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('review=always is a patch of one field: the answer model stays', async () => {
    const { collection } = await api.call<{ collection: { settings: { answer: { review: string; model: string | null } } } }>('rag.collections.update', { collection: 'clinical', settings: { answer: { review: 'always' } } });
    expect(collection.settings.answer.review).toBe('always');
    expect(collection.settings.answer.model).not.toBeNull();
  });

  test('held, listed with its age and reasons, approved, released to the requester', async () => {
    const held = await api.job<AskResult>('rag.ask', { collection: 'clinical', question }, alice);
    expect(held.outcome).toBe('held');
    expect(held.answer).toBe(HELD_BY_POLICY);
    // Nothing of the held text reaches the requester, not even its unsupported sentences.
    expect(held.unsupported).toEqual([]);
    expect(held.review?.reasons).toContain('The collection requires a review of every answer');
    const reviewId = held.review!.id;
    expect(events.some((e) => e.topic === 'review.queued' && e.data.reviewId === reviewId)).toBe(true);

    // The requester waits; they may not work the queue themselves.
    expect(await api.call<ReviewResult>('review.result', { reviewId }, alice)).toMatchObject({ status: 'pending', text: null });
    expect((await api.failure('review.list', {}, alice)).code).toBe('FORBIDDEN');
    // Someone else may not read another requester's result.
    expect((await api.failure('review.result', { reviewId }, as('carol'))).code).toBe('NOT_FOUND');

    const queue = await api.call<ReviewItem[]>('review.list', {}, bob);
    const item = queue.find((i) => i.id === reviewId)!;
    expect(item).toMatchObject({ requester: 'alice', status: 'pending', collection: 'clinical', traceId: held.traceId });
    expect(item.ageSeconds).toBeGreaterThanOrEqual(0);

    const detail = await api.call<ReviewDetail>('review.show', { reviewId }, bob);
    expect(detail.question).toBe(question);
    expect(detail.heldOutput.length).toBeGreaterThan(0);
    expect(detail.heldOutput).not.toBe(HELD_BY_POLICY);
    expect(detail.passages[0]).toMatchObject({ n: 1, source: expect.stringContaining('pump.md'), text: expect.stringContaining('coolant pump') });
    expect(detail.verdicts.length).toBeGreaterThan(0);
    expect(detail.cited).toEqual(expect.any(Array));

    const approved = await api.call<ReviewItem>('review.decide', { reviewId, decision: 'approve' }, bob);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'bob' });
    const result = await api.call<ReviewResult>('review.result', { reviewId }, alice);
    expect(result).toMatchObject({ status: 'approved', text: detail.heldOutput });
    expect(events.some((e) => e.topic === 'review.decided' && e.data.reviewId === reviewId && e.data.status === 'approved')).toBe(true);
    // The trace the requester reads now holds the released answer.
    expect((await api.call<{ output: string }>('rag.traces.get', { traceId: held.traceId }, alice)).output).toBe(detail.heldOutput);
    // Decided once: a second decision is refused.
    expect((await api.failure('review.decide', { reviewId, decision: 'reject', reason: 'late' }, bob)).message).toMatch(/already approved by bob/);
  }, 120_000);

  test('an edit needs a reason and releases the edited text; a rejection releases nothing', async () => {
    const first = await api.job<AskResult>('rag.ask', { collection: 'clinical', question }, alice);
    const edit = first.review!.id;
    expect((await api.failure('review.decide', { reviewId: edit, decision: 'edit', text: 'Every ninety days [1].' }, bob)).message).toMatch(/needs a reason/);
    await api.call('review.decide', { reviewId: edit, decision: 'edit', text: 'Every ninety days [1].', reason: 'The model wrote a story' }, bob);
    expect(await api.call<ReviewResult>('review.result', { reviewId: edit }, alice)).toMatchObject({ status: 'edited', text: 'Every ninety days [1].', reason: 'The model wrote a story' });

    const second = await api.job<AskResult>('rag.ask', { collection: 'clinical', question }, alice);
    await api.call('review.decide', { reviewId: second.review!.id, decision: 'reject', reason: 'Off topic' }, bob);
    expect(await api.call<ReviewResult>('review.result', { reviewId: second.review!.id }, alice)).toMatchObject({ status: 'rejected', text: null, reason: 'Off topic' });
    expect((await api.call<{ output: string }>('rag.traces.get', { traceId: second.traceId }, alice)).output).toBe(REJECTED_ANSWER);

    const decided = await api.call<ReviewItem[]>('review.list', { status: 'decided' }, bob);
    expect(decided.map((d) => d.status).sort()).toEqual(['approved', 'edited', 'rejected']);
    // Every decision is on the audit trail under the reviewer's name.
    const { entries } = await api.call<{ entries: Array<{ action: string; actor: string }> }>('audit.list', { actor: 'bob', limit: 100 });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['review.approved', 'review.edited', 'review.rejected']));
  }, 120_000);

  test("a registry prompt's policy tightens the collection's, never loosens it", async () => {
    await api.call('rag.collections.update', { collection: 'clinical', settings: { answer: { review: 'never' } } });
    const free = await api.job<AskResult>('rag.ask', { collection: 'clinical', question }, alice);
    expect(free.outcome).not.toBe('held');
    expect(free.review ?? null).toBeNull();
    await api.call('prompts.create', { name: 'triage', user: 'Context:\n{{context}}\n\nQuestion: {{question}}' });
    await api.call('review.policies.set', { prompt: 'triage', policy: 'always' });
    const held = await api.job<AskResult>('rag.ask', { collection: 'clinical', question, prompt: 'triage' }, alice);
    expect(held.outcome).toBe('held');
    expect(held.review?.reasons).toContain('The prompt requires a review of every answer');
  }, 120_000);
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AskResult, Collection, DocumentInfo, Hit, IngestReport } from '../../electron/core/contract/rag.api.js';
import type { CallContext } from '../../electron/core/contract/context.js';
import { models } from '../helpers/fixtures.js';
import { admin, signedIn, startHarness, type Harness } from './harness.js';

const SECRET = 'Project Falcon: the supplier Nordpump will be acquired for 9 million euros before the merger closes.';

/**
 * The access lists of governed RAG already follow the call context's groups; here the context is the one dispatch
 * resolves for a signed-in account, never one the caller supplies.
 */
describe('a signed-in analyst cannot see another group’s documents', () => {
  let h: Harness;
  let analyst: CallContext;
  let insider: CallContext;
  let secretId: number;

  beforeAll(async () => {
    h = startHarness();
    const other = path.join(h.dir, 'other');
    const mine = path.join(h.dir, 'mine');
    mkdirSync(other);
    mkdirSync(mine);
    writeFileSync(path.join(other, 'falcon.md'), `# Falcon\n\n${SECRET}`);
    writeFileSync(path.join(mine, 'handbook.md'), '# Handbook\n\nAnalysts file their weekly reports every Friday afternoon.');
    await h.job('models.import', { path: models.stories, name: 'stories', approve: true }, admin);
    await h.call('rag.collections.create', { name: 'kb', settings: { answer: { model: 'stories', maxTokens: 8 } } }, admin);
    expect((await h.job<IngestReport>('rag.ingest', { collection: 'kb', paths: [other], acl: ['group:other'] }, admin)).documents).toBe(1);
    expect((await h.job<IngestReport>('rag.ingest', { collection: 'kb', paths: [mine], acl: ['group:analysts'] }, admin)).documents).toBe(1);
    analyst = (await signedIn(h, 'ana', ['analyst'], ['analysts'])).ctx;
    insider = (await signedIn(h, 'ivan', ['analyst'], ['other'])).ctx;
    const listed = await h.call<{ items: DocumentInfo[] }>('rag.documents.list', { collection: 'kb' }, insider);
    secretId = listed.items[0]!.id;
  });
  afterAll(() => h.close());

  test('search: the member of the group finds the document, the analyst gets nothing from it', async () => {
    const query = { collection: 'kb', query: 'Falcon Nordpump acquired merger', mode: 'bm25' };
    const theirs = await h.call<{ hits: Hit[] }>('rag.search', query, insider);
    expect(theirs.hits.map((hit) => hit.source)).toEqual([expect.stringMatching(/falcon\.md$/)]);
    const ours = await h.call<{ hits: Hit[] }>('rag.search', query, analyst);
    expect(ours.hits).toEqual([]);
    const broad = await h.call<{ hits: Hit[] }>('rag.search', { collection: 'kb', query: 'the reports supplier merger Friday', mode: 'bm25', k: 10 }, analyst);
    expect(broad.hits.every((hit) => hit.source.endsWith('handbook.md'))).toBe(true);
    expect(JSON.stringify(broad)).not.toContain('Nordpump');
  });

  test('counts and document lists include only what the caller may read', async () => {
    const seenByAnalyst = await h.call<Collection>('rag.collections.get', { collection: 'kb' }, analyst);
    const seenByInsider = await h.call<Collection>('rag.collections.get', { collection: 'kb' }, insider);
    expect(seenByAnalyst.documentCount).toBe(1);
    expect(seenByInsider.documentCount).toBe(1);
    expect(seenByAnalyst.chunkCount).toBe(1);
    const list = await h.call<{ total: number; items: DocumentInfo[] }>('rag.documents.list', { collection: 'kb' }, analyst);
    expect(list.total).toBe(1);
    expect(list.items.map((d) => d.source)).toEqual([expect.stringMatching(/handbook\.md$/)]);
    const all = await h.call<Collection[]>('rag.collections.list', {}, analyst);
    expect(all.find((c) => c.name === 'kb')?.documentCount).toBe(1);
  });

  test('errors do not tell a hidden document from a missing one', async () => {
    const hidden = await h.failure('rag.documents.remove', { collection: 'kb', documentId: secretId }, analyst);
    const missing = await h.failure('rag.documents.remove', { collection: 'kb', documentId: 987654 }, analyst);
    expect(hidden.code).toBe('DOCUMENT_NOT_FOUND');
    expect(hidden.message).toBe(missing.message.replace('987654', String(secretId)));
    expect((await h.call<{ total: number }>('rag.documents.list', { collection: 'kb' }, insider)).total).toBe(1);
  });

  test('ask: the analyst is told the documents do not contain it, and the model never sees the passage', async () => {
    const answer = await h.job<AskResult>('rag.ask', { collection: 'kb', question: 'Which supplier will Project Falcon acquire?' }, analyst);
    expect(answer.abstained).toBe(true);
    expect(answer.citations).toEqual([]);
    expect(answer.answer).not.toContain('Nordpump');
    const trace = await h.call<{ prompt: string; retrieved: unknown[]; user: string }>('rag.traces.get', { traceId: answer.traceId }, analyst);
    expect(trace.user).toBe('ana');
    expect(trace.retrieved).toEqual([]);
    expect(trace.prompt).not.toContain('Nordpump');

    const insiders = await h.job<AskResult>('rag.ask', { collection: 'kb', question: 'Which supplier will Project Falcon acquire?' }, insider);
    expect(insiders.abstained).toBe(false);
    const insiderTrace = await h.call<{ prompt: string }>('rag.traces.get', { traceId: insiders.traceId }, insider);
    expect(insiderTrace.prompt).toContain('Nordpump');
    // Another user's trace is answered like a missing one.
    expect((await h.failure('rag.traces.get', { traceId: insiders.traceId }, analyst)).code).toBe('NOT_FOUND');
  });

  test('the caller cannot widen its own groups: dispatch takes them from the account', async () => {
    const forged = { ...analyst, groups: ['other'], roles: ['admin'] } as CallContext;
    const result = await h.call<{ hits: Hit[] }>('rag.search', { collection: 'kb', query: 'Falcon Nordpump acquired', mode: 'bm25' }, forged);
    expect(result.hits).toEqual([]);
    expect((await h.failure('users.list', {}, forged)).code).toBe('FORBIDDEN');
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DocumentChunk, DocumentInfo, IngestReport } from '../../electron/core/contract/rag.api.js';
import type { CallContext } from '../../electron/core/contract/context.js';
import { models } from '../helpers/fixtures.js';
import { admin, signedIn, startHarness, type Harness } from '../auth/harness.js';

type Page = { total: number; items: DocumentInfo[] };
type Detail = { document: DocumentInfo; totalChunks: number; chunks: DocumentChunk[] };

describe('documents: sorted and filtered listing, one document with its chunks, under the same access rule', () => {
  let h: Harness;
  let analyst: CallContext;
  let insider: CallContext;
  let secretId: number;

  beforeAll(async () => {
    h = startHarness();
    const open = path.join(h.dir, 'open');
    const closed = path.join(h.dir, 'closed');
    mkdirSync(open);
    mkdirSync(closed);
    writeFileSync(path.join(open, 'b-notes.md'), '# Notes\n\nThe weekly reports are filed every Friday.\n\n## Later\n\nSlides go to the shared folder.');
    writeFileSync(path.join(open, 'a-guide.txt'), 'A short guide to the office kitchen.');
    writeFileSync(path.join(open, 'c-empty.txt'), '');
    writeFileSync(path.join(closed, 'secret.md'), '# Secret\n\nThe merger closes in May.');
    await h.job('models.import', { path: models.stories, name: 'stories', approve: true }, admin);
    await h.call('rag.collections.create', { name: 'kb', settings: { answer: { model: 'stories', maxTokens: 8 } } }, admin);
    await h.job<IngestReport>('rag.ingest', { collection: 'kb', paths: [open], acl: ['group:analysts'] }, admin);
    await h.job<IngestReport>('rag.ingest', { collection: 'kb', paths: [closed], acl: ['group:board'] }, admin);
    analyst = (await signedIn(h, 'ana', ['analyst'], ['analysts'])).ctx;
    insider = (await signedIn(h, 'bo', ['analyst'], ['board'])).ctx;
    const all = await h.call<Page>('rag.documents.list', { collection: 'kb' }, insider);
    secretId = all.items.find((d) => d.source.endsWith('secret.md'))!.id;
  });
  afterAll(() => h.close());

  const names = (page: Page) => page.items.map((d) => path.basename(d.source));

  test('sorts by a column either way, and filters by name, type and status', async () => {
    const bySize = await h.call<Page>('rag.documents.list', { collection: 'kb', sort: 'size', order: 'desc' }, analyst);
    expect(names(bySize)).toEqual(['b-notes.md', 'a-guide.txt', 'c-empty.txt'].filter((n) => bySize.items.some((d) => d.source.endsWith(n))));
    expect(bySize.items.map((d) => d.sizeBytes)).toEqual([...bySize.items.map((d) => d.sizeBytes)].sort((a, b) => b - a));
    expect(names(await h.call<Page>('rag.documents.list', { collection: 'kb', sort: 'source', order: 'desc' }, analyst))[0]).toBe(names(bySize).sort().reverse()[0]);
    const found = await h.call<Page>('rag.documents.list', { collection: 'kb', query: 'GUIDE' }, analyst);
    expect(found.total).toBe(1);
    expect(names(found)).toEqual(['a-guide.txt']);
    expect(names(await h.call<Page>('rag.documents.list', { collection: 'kb', format: 'markdown' }, analyst))).toEqual(['b-notes.md']);
    const attention = await h.call<Page>('rag.documents.list', { collection: 'kb', status: 'attention' }, analyst);
    expect(attention.items.every((d) => d.chunkCount === 0 || d.warnings.length > 0)).toBe(true);
    const ok = await h.call<Page>('rag.documents.list', { collection: 'kb', status: 'ok' }, analyst);
    expect(ok.total + attention.total).toBe(bySize.total);
    expect(ok.items.every((d) => d.chunkCount > 0 && d.warnings.length === 0)).toBe(true);
    // The secret document is in no filtered view of the analyst.
    expect((await h.call<Page>('rag.documents.list', { collection: 'kb', query: 'secret' }, analyst)).total).toBe(0);
  });

  test('get returns the metadata, access list and chunks with their locations', async () => {
    const notes = (await h.call<Page>('rag.documents.list', { collection: 'kb', query: 'notes' }, analyst)).items[0]!;
    const detail = await h.call<Detail>('rag.documents.get', { collection: 'kb', documentId: notes.id }, analyst);
    expect(detail.document).toEqual(notes);
    expect(detail.totalChunks).toBe(notes.chunkCount);
    expect(detail.chunks.map((c) => c.ordinal)).toEqual([...detail.chunks.map((c) => c.ordinal)].sort((a, b) => a - b));
    expect(detail.chunks.map((c) => c.text).join(' ')).toContain('Friday');
    expect(detail.chunks[0]!.location.charEnd).toBeGreaterThan(detail.chunks[0]!.location.charStart);
    const paged = await h.call<Detail>('rag.documents.get', { collection: 'kb', documentId: notes.id, offset: 0, limit: 1 }, analyst);
    expect(paged.chunks).toHaveLength(1);
  });

  test('a document the caller may not read is reported exactly like a missing one', async () => {
    const hidden = await h.failure('rag.documents.get', { collection: 'kb', documentId: secretId }, analyst);
    const missing = await h.failure('rag.documents.get', { collection: 'kb', documentId: 987654 }, analyst);
    expect(hidden.code).toBe('DOCUMENT_NOT_FOUND');
    expect(hidden.message).toBe(missing.message.replace('987654', String(secretId)));
    const own = await h.call<Detail>('rag.documents.get', { collection: 'kb', documentId: secretId }, insider);
    expect(own.document.acl).toEqual(['group:board']);
  });
});

import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CallContext } from '../../electron/core/contract/context.js';
import type { DocumentInfo, Hit, IngestReport } from '../../electron/core/contract/rag.api.js';
import { admin, signedIn, startHarness, type Harness } from '../auth/harness.js';

/** Issue 10 points 2 and 3: server-side paths are a capability, inside import roots, never the data directory. */
describe('server-side paths', () => {
  let h: Harness;
  let viewer: CallContext;
  let analyst: CallContext;
  let adam: CallContext;
  let root: string;
  let outside: string;

  beforeAll(async () => {
    h = startHarness();
    root = path.join(h.dir, 'imports');
    outside = path.join(h.dir, 'outside');
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'private.md'), '# Private\n\nThe vault combination is 7-7-3.');
    writeFileSync(path.join(root, 'cases.jsonl'), '{"id":"1","vars":{"q":"hi"},"expected":"hello"}\n');
    symlinkSync(path.join(outside, 'private.md'), path.join(root, 'linked.md'));
    viewer = (await signedIn(h, 'vera', ['viewer'])).ctx;
    analyst = (await signedIn(h, 'anna', ['analyst'])).ctx;
    adam = (await signedIn(h, 'adam', ['admin'])).ctx;
    await h.call('rag.collections.create', { name: 'kb' }, admin);
    await h.call('eval.datasets.import', { name: 'golden', content: '{"id":"1","vars":{"q":"hi"}}\n', format: 'jsonl' }, admin);
  });
  afterAll(() => h.close());

  test('a viewer cannot overwrite a file through eval.datasets.export', async () => {
    const victim = path.join(outside, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const refused = await h.failure('eval.datasets.export', { dataset: 'golden', path: victim }, viewer);
    expect(refused.code).toBe('PATH_NOT_ALLOWED');
    expect(refused.message).toContain('files.serverPaths');
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    // Without a path the content comes back to the caller.
    expect((await h.call<{ content: string }>('eval.datasets.export', { dataset: 'golden' }, viewer)).content).toContain('"hi"');
  });

  test('an analyst can neither ingest nor import a server path, and uploads instead', async () => {
    expect((await h.failure('rag.ingest', { collection: 'kb', paths: [outside] }, analyst)).code).toBe('PATH_NOT_ALLOWED');
    expect((await h.failure('rag.ingest', { collection: 'kb', paths: [path.join(h.dataDir, 'keys')] }, analyst)).code).toBe('PATH_NOT_ALLOWED');
    expect((await h.failure('eval.datasets.import', { name: 'stolen', path: path.join(outside, 'private.md') }, analyst)).code).toBe('PATH_NOT_ALLOWED');
    const uploaded = await h.job<IngestReport>('rag.ingest', { collection: 'kb', files: [{ name: 'notes.md', contentBase64: Buffer.from('# Notes\n\nThe analyst uploads notes about turbines.').toString('base64') }] }, analyst);
    expect(uploaded.documents).toBe(1);
    expect((await h.failure('rag.ingest', { collection: 'kb', files: [{ name: '../escape.md', contentBase64: 'eA==' }] }, analyst)).code).toBe('INVALID_INPUT');
  });

  test('an administrator signed in remotely needs import roots; within them the rules hold after symlinks', async () => {
    const noRoots = await h.failure('eval.datasets.import', { name: 'g2', path: path.join(root, 'cases.jsonl') }, adam);
    expect(noRoots.code).toBe('PATH_NOT_ALLOWED');
    expect(noRoots.message).toContain('files roots set');
    expect((await h.failure('files.roots.set', { roots: [root] }, analyst)).code).toBe('FORBIDDEN');
    expect((await h.failure('files.roots.set', { roots: [h.dataDir] }, adam)).code).toBe('PATH_NOT_ALLOWED');
    await h.call('files.roots.set', { roots: [root] }, adam);
    expect((await h.call<{ imported: number }>('eval.datasets.import', { name: 'g2', path: path.join(root, 'cases.jsonl') }, adam)).imported).toBe(1);
    // A symlink inside the root that points out of it is refused, given directly or found in a folder.
    expect((await h.failure('eval.datasets.import', { name: 'g3', path: path.join(root, 'linked.md') }, adam)).code).toBe('PATH_NOT_ALLOWED');
    const report = await h.job<IngestReport>('rag.ingest', { collection: 'kb', paths: [root], acl: ['public'] }, adam);
    expect(report.skipped.map((s) => s.code)).toContain('PATH_NOT_ALLOWED');
    const hits = await h.call<{ hits: Hit[] }>('rag.search', { collection: 'kb', query: 'vault combination', mode: 'bm25' }, adam);
    expect(JSON.stringify(hits)).not.toContain('7-7-3');
    expect((await h.failure('rag.ingest', { collection: 'kb', paths: [outside] }, adam)).code).toBe('PATH_NOT_ALLOWED');
  });

  test('exports stay inside the roots, outside the data directory, and never overwrite unless asked', async () => {
    await h.call('files.roots.set', { roots: [h.dir] }, adam);
    const target = path.join(root, 'export.jsonl');
    await h.call('eval.datasets.export', { dataset: 'golden', path: target }, adam);
    expect(readFileSync(target, 'utf8')).toContain('"hi"');
    const again = await h.failure('eval.datasets.export', { dataset: 'golden', path: target }, adam);
    expect(again.code).toBe('PATH_NOT_ALLOWED');
    await h.call('eval.datasets.export', { dataset: 'golden', path: target, overwrite: true }, adam);
    const intoData = path.join(h.dataDir, 'enclave.db');
    expect((await h.failure('eval.datasets.export', { dataset: 'golden', path: intoData, overwrite: true }, adam)).code).toBe('PATH_NOT_ALLOWED');
    expect((await h.failure('rag.ingest', { collection: 'kb', paths: [path.join(h.dataDir, 'keys')] }, adam)).code).toBe('PATH_NOT_ALLOWED');
    expect((await h.failure('eval.datasets.export', { dataset: 'golden', path: path.join(h.dataDir, 'new.jsonl') }, adam)).code).toBe('PATH_NOT_ALLOWED');
    expect(existsSync(path.join(h.dataDir, 'new.jsonl'))).toBe(false);
    await h.call('files.roots.set', { roots: null }, adam);
  });
});

/** Issue 10 point 4: re-ingesting a source never changes another user's document, nor tells that it exists. */
describe('documents change only by their owner', () => {
  let h: Harness;
  let insider: CallContext;
  let adam: CallContext;
  let file: string;

  beforeAll(async () => {
    h = startHarness();
    file = path.join(h.dir, 'falcon.md');
    writeFileSync(file, '# Falcon\n\nNordpump will be acquired for 9 million euros.');
    insider = (await signedIn(h, 'ivan', ['analyst'], ['secret'])).ctx;
    adam = (await signedIn(h, 'adam', ['admin'])).ctx;
    await h.call('files.roots.set', { roots: [h.dir] }, admin);
    await h.call('rag.collections.create', { name: 'kb' }, admin);
    expect((await h.job<IngestReport>('rag.ingest', { collection: 'kb', paths: [file], acl: ['group:secret'] }, admin)).documents).toBe(1);
  });
  afterAll(() => h.close());

  test('re-ingesting the path with another access list leaves the secret document as it was', async () => {
    const report = await h.job<IngestReport>('rag.ingest', { collection: 'kb', paths: [file], acl: ['user:adam'] }, adam);
    expect(report).toMatchObject({ documents: 1, updated: 0, unchanged: 0 });
    const theirs = await h.call<{ items: DocumentInfo[] }>('rag.documents.list', { collection: 'kb' }, insider);
    expect(theirs.items.map((d) => d.acl)).toEqual([['group:secret']]);
    const found = await h.call<{ hits: Hit[] }>('rag.search', { collection: 'kb', query: 'Nordpump acquired', mode: 'bm25' }, insider);
    expect(found.hits).toHaveLength(1);
    const own = await h.call<{ items: DocumentInfo[] }>('rag.documents.list', { collection: 'kb' }, adam);
    expect(own.items.map((d) => d.acl)).toEqual([['user:adam']]);
  });

  test('the owner re-ingesting updates the document; a reader who is not the owner cannot remove it', async () => {
    writeFileSync(file, '# Falcon\n\nNordpump will be acquired for 10 million euros.');
    expect((await h.job<IngestReport>('rag.ingest', { collection: 'kb', paths: [file], acl: ['group:secret'] }, admin))).toMatchObject({ documents: 1, updated: 1 });
    const listed = await h.call<{ items: DocumentInfo[] }>('rag.documents.list', { collection: 'kb' }, insider);
    expect(listed.items).toHaveLength(1);
    expect((await h.failure('rag.documents.remove', { collection: 'kb', documentId: listed.items[0]!.id }, insider)).code).toBe('FORBIDDEN');
    expect((await h.failure('rag.documents.remove', { collection: 'kb', documentId: listed.items[0]!.id }, adam)).code).toBe('DOCUMENT_NOT_FOUND');
  });
});

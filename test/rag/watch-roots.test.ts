import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Hit } from '../../electron/core/contract/rag.api.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { tempDir } from '../helpers/fixtures.js';

interface WatchInfo { folder: string; status: 'active' | 'paused'; reason?: string }

/** A watch resumed at start (and each of its syncs) admits its folder and files with the import roots as they are now. */
describe('a watched folder is admitted again with the current import roots', () => {
  const temp = tempDir();
  const roots = path.join(temp.dir, 'roots');
  const folder = path.join(roots, 'watched');
  const elsewhere = path.join(temp.dir, 'elsewhere');
  const outside = path.join(temp.dir, 'outside');
  const dataDir = path.join(temp.dir, 'data');
  let core: CoreHandle | undefined;
  const open = (): ReturnType<typeof coreClient> => {
    core = createInProcessCore({ dataDir, modelsDir: temp.dir, background: true });
    return coreClient(core);
  };
  const reopen = async (): Promise<ReturnType<typeof coreClient>> => {
    await core?.close();
    return open();
  };
  const sources = async (api: ReturnType<typeof coreClient>, query: string): Promise<string[]> =>
    (await api.call<{ hits: Hit[] }>('rag.search', { collection: 'live', query, mode: 'bm25' })).hits.map((h) => path.basename(h.source));
  const watches = (api: ReturnType<typeof coreClient>): Promise<WatchInfo[]> => api.call<WatchInfo[]>('rag.watch.list', { collection: 'live' });

  afterAll(async () => {
    await core?.close();
    temp.cleanup();
  });

  test('narrowed roots pause a resumed watch with a reason; allowed again, it resumes; a link out of the roots is skipped', async () => {
    for (const dir of [folder, elsewhere, outside]) mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(folder, 'first.md'), '# First\n\nAardvarks eat ants.');
    writeFileSync(path.join(outside, 'secret.md'), '# Secret\n\nThe vault combination is 7-7-3.');
    let api = open();
    await api.call('files.roots.set', { roots: [roots] });
    await api.call('rag.collections.create', { name: 'live' });
    expect((await api.job<{ documents: number }>('rag.watch.add', { collection: 'live', folder, acl: ['public'] })).documents).toBe(1);
    expect(await watches(api)).toEqual([expect.objectContaining({ folder, status: 'active' })]);

    // The administrator narrows the roots; the watch added earlier pauses when the app starts again.
    await api.call('files.roots.set', { roots: [elsewhere] });
    api = await reopen();
    await expect.poll(() => watches(api), { timeout: 15_000, interval: 100 }).toEqual([expect.objectContaining({ folder, status: 'paused', reason: expect.stringContaining('outside the import roots') })]);
    writeFileSync(path.join(folder, 'second.md'), '# Second\n\nBadgers dig burrows.');

    // Allowed again: on the next start it resumes, catches up, and skips a file that links out of the roots.
    await api.call('files.roots.set', { roots: [roots] });
    symlinkSync(path.join(outside, 'secret.md'), path.join(folder, 'linked.md'));
    api = await reopen();
    await expect.poll(() => sources(api, 'badgers burrows'), { timeout: 15_000, interval: 100 }).toEqual(['second.md']);
    expect(await watches(api)).toEqual([expect.objectContaining({ folder, status: 'active' })]);
    expect(await sources(api, 'vault combination')).toEqual([]);

    // A running watch re-admits each file it ingests: a link added while it runs is skipped too.
    symlinkSync(path.join(outside, 'secret.md'), path.join(folder, 'linked-later.md'));
    writeFileSync(path.join(folder, 'third.md'), '# Third\n\nCapybaras swim.');
    await expect.poll(() => sources(api, 'capybaras swim'), { timeout: 15_000, interval: 200 }).toEqual(['third.md']);
    expect(await sources(api, 'vault combination')).toEqual([]);
  });
});

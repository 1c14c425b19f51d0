import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Hit, IngestReport } from '../../electron/core/contract/rag.api.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { tempDir } from '../helpers/fixtures.js';

describe('a watched folder stays in sync', () => {
  const temp = tempDir();
  const folder = path.join(temp.dir, 'watched');
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;
  const sources = async (query: string): Promise<string[]> =>
    (await api.call<{ hits: Hit[] }>('rag.search', { collection: 'live', query, mode: 'bm25' })).hits.map((h) => path.basename(h.source));

  beforeAll(() => {
    mkdirSync(path.join(folder, 'sub'), { recursive: true });
    writeFileSync(path.join(folder, 'first.md'), '# First\n\nAardvarks eat ants.');
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir, background: true });
    api = coreClient(core);
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('existing files are ingested, new and changed files follow, deleted files leave', async () => {
    await api.call('rag.collections.create', { name: 'live' });
    const first = await api.job<IngestReport>('rag.watch.add', { collection: 'live', folder, acl: ['public'] });
    expect(first.documents).toBe(1);
    expect(await api.call('rag.watch.list', { collection: 'live' })).toEqual([expect.objectContaining({ folder, acl: ['public'] })]);

    writeFileSync(path.join(folder, 'sub', 'second.md'), '# Second\n\nBadgers dig burrows.');
    await expect.poll(() => sources('badgers burrows'), { timeout: 15_000, interval: 200 }).toEqual(['second.md']);

    writeFileSync(path.join(folder, 'first.md'), '# First\n\nAardvarks eat termites.');
    await expect.poll(() => sources('termites'), { timeout: 15_000, interval: 200 }).toEqual(['first.md']);

    rmSync(path.join(folder, 'sub', 'second.md'));
    await expect.poll(() => sources('badgers burrows'), { timeout: 15_000, interval: 200 }).toEqual([]);

    expect(await api.call('rag.watch.remove', { collection: 'live', folder })).toEqual({ removed: true });
  });
});

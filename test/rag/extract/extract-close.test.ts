import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createInProcessCore } from '../../../electron/core/host/core-handle.js';
import { coreClient } from '../../../electron/core/host/core-client.js';
import { tempDir } from '../../helpers/fixtures.js';

/** This process's children that run the extraction host (from /proc: their parent and command line). */
function extractionChildren(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((pid) => {
    try {
      const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('extract-host.process');
    } catch {
      return false;
    }
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !/^\S+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

const temp = tempDir();
afterAll(() => temp.cleanup());

test.skipIf(process.platform !== 'linux')('closing the core ends its extraction child processes', async () => {
  const core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
  const api = coreClient(core);
  const file = path.join(temp.dir, 'notes.md');
  writeFileSync(file, '# Notes\n\nOtters hold hands while they sleep.');
  await api.call('rag.collections.create', { name: 'kb' });
  expect((await api.job<{ documents: number }>('rag.ingest', { collection: 'kb', paths: [file] })).documents).toBe(1);
  const children = extractionChildren();
  expect(children.length).toBeGreaterThan(0);
  await core.close();
  await expect.poll(() => children.filter(alive), { timeout: 10_000, interval: 50 }).toEqual([]);
  expect(extractionChildren()).toEqual([]);
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { models, tempDir } from '../../test/helpers/fixtures.js';
import { writeHostileGgufs } from '../../test/helpers/gguf-hostile.js';
import { GgufInspector } from './gguf-inspector.client.js';

/**
 * A stand-in for the inspector process that misbehaves the way a parser bug hit by a hostile file would: it aborts,
 * spins or eats memory when the file's name says so, and answers otherwise. It runs as a real child process.
 */
const misbehavingInspector = `
process.on('message', ({ id, path }) => {
  if (path.includes('abort')) process.abort();
  if (path.includes('spin')) for (;;);
  if (path.includes('bloat')) { const hoard = []; for (;;) hoard.push({ path, n: hoard.length, pad: new Array(64).fill(hoard.length) }); }
  process.send({ id, ok: true, header: { version: 3, metadata: { general: { name: path } }, tensorCount: 0, parameterCount: 0, elementsByType: {} } });
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
`;

describe('the GGUF inspector process', () => {
  const temp = tempDir('enclave-gguf-inspector-');
  const entry = path.join(temp.dir, 'misbehaving-inspector.mjs');
  writeFileSync(entry, misbehavingInspector);
  const inspectors: GgufInspector[] = [];
  const standIn = (options: { timeoutMs?: number; heapMb?: number } = {}): GgufInspector => {
    const inspector = new GgufInspector({ entry, execArgv: [], ...options });
    inspectors.push(inspector);
    return inspector;
  };
  afterAll(() => {
    for (const inspector of inspectors) inspector.close();
    temp.cleanup();
  });

  it('turns a crash into MODEL_INVALID for that file only; the next file gets a fresh inspector', async () => {
    const inspector = standIn();
    await expect(inspector.inspect('/models/abort.gguf')).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/abort\.gguf was refused: the process reading its header crashed \(SIGABRT/) });
    expect((await inspector.inspect('/models/fine.gguf')).metadata).toEqual({ general: { name: '/models/fine.gguf' } });
  });

  it('stops a hang at the time limit and refuses the file', async () => {
    const inspector = standIn({ timeoutMs: 1_000 });
    const started = Date.now();
    await expect(inspector.inspect('/models/spin.gguf')).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/took longer than 1 s/) });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await inspector.inspect('/models/after.gguf')).tensorCount).toBe(0);
  });

  it('stops a file that makes the reader grow past its memory limit', async () => {
    const inspector = standIn({ heapMb: 32 });
    await expect(inspector.inspect('/models/bloat.gguf')).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/ran out of its 32 MB of memory/) });
    expect((await inspector.inspect('/models/after.gguf')).tensorCount).toBe(0);
  });

  it('answers files asked for at once each with its own result, hostile and real mixed', async () => {
    const inspector = new GgufInspector();
    inspectors.push(inspector);
    const hostile = writeHostileGgufs(readFileSync(models.stories), temp.dir);
    const answers = await Promise.allSettled([models.stories, ...hostile.map((h) => h.file), models.vocabBert].map((file) => inspector.inspect(file)));
    expect(answers[0]).toMatchObject({ status: 'fulfilled', value: { tensorCount: 48 } });
    expect(answers.at(-1)).toMatchObject({ status: 'fulfilled', value: { tensorCount: 0 } });
    hostile.forEach((h, i) => expect(answers[i + 1], h.name).toMatchObject({ status: 'rejected', reason: { code: 'MODEL_INVALID', message: expect.stringMatching(h.reason) } }));
  });
});

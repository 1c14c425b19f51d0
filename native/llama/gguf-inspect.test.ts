import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { models, tempDir } from '../../test/helpers/fixtures.js';
import { inspectGguf } from './gguf-inspect.js';

describe('GGUF inspection', () => {
  const temp = tempDir('enclave-gguf-');
  afterAll(() => temp.cleanup());

  it('reads a file once while it is unchanged, and again once it changes', async () => {
    const file = path.join(temp.dir, 'stories.gguf');
    copyFileSync(models.stories, file);
    const first = await inspectGguf(file);
    expect(first.architecture).toBe('llama');
    expect(await inspectGguf(file)).toBe(first);

    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(inspectGguf(file)).rejects.toMatchObject({ code: 'MODEL_INVALID' });

    // The same size as at first, a new modification time: read again, and the failure above is not remembered.
    writeFileSync(file, bytes);
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    const again = await inspectGguf(file);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

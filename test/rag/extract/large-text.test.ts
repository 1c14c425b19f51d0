// A 200 MB text file streams through extraction in bounded memory: sections arrive as the file is read,
// and resident memory grows by a small fraction of the file's size.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocumentStream } from '../../../electron/core/rag/extract/extract.js';

const SIZE = 200 * 1024 ** 2;
const dir = mkdtempSync(path.join(tmpdir(), 'enclave-extract-large-'));
const file = path.join(dir, 'large.log');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  // Paragraphs of numbered lines (unique text, so nothing can be deduplicated away).
  const out = createWriteStream(file);
  let written = 0;
  let line = 0;
  while (written < SIZE) {
    let chunk = '';
    while (chunk.length < 1024 * 1024) {
      chunk += `line ${line} of the large log: the quick brown fox jumps over the lazy dog ${line % 97}\n`;
      if (++line % 12 === 0) chunk += '\n';
    }
    written += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}, 120_000);

describe('200 MB text file', () => {
  it('streams with bounded memory and exact offsets', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let sections = 0;
    let chars = 0;
    let lastEnd = -2;
    const stream = extractDocumentStream(file);
    for await (const section of stream) {
      expect(section.location.charStart).toBe(lastEnd + 2);
      lastEnd = section.location.charEnd;
      chars += section.text.length;
      if (++sections % 2_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const summary = stream.summary();
    const growthMb = (peak - before) / 1024 ** 2;
    console.log(`200 MB text: ${sections} sections, ${(chars / 1024 ** 2).toFixed(0)} M chars, rss before ${(before / 1024 ** 2).toFixed(0)} MB, peak growth ${growthMb.toFixed(0)} MB`);
    expect(summary.format).toBe('text');
    expect(summary.sizeBytes).toBeGreaterThanOrEqual(SIZE);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    expect(summary.sha256).toBe(hash.digest('hex'));
    expect(chars).toBeGreaterThan(0.95 * SIZE);
    expect(growthMb).toBeLessThan(120);
  }, 120_000);

  it('stops promptly when cancelled midway', async () => {
    const controller = new AbortController();
    let sections = 0;
    const run = (async () => {
      for await (const _section of extractDocumentStream(file, { signal: controller.signal })) if (++sections === 100) controller.abort();
    })();
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(sections).toBe(100);
  });
});

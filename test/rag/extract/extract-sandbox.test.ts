// Extraction under a per-file budget: a file that spins or swells is stopped and reported FILE_TOO_COMPLEX,
// the caller's event loop stays free, and the next file is extracted as usual.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractSandbox } from '../../../electron/core/rag/extract/extract-sandbox.js';
import type { ExtractionStream } from '../../../electron/core/rag/extract/extract.js';
import { deepMarkdownList, emphasisRun, nestedHtml, pdfWithEmptyUserPassword } from '../../helpers/hostile-files.js';
import { tempDir } from '../../helpers/fixtures.js';

const temp = tempDir('enclave-sandbox-');
const sandbox = new ExtractSandbox({ timeoutMs: 2_000, heapMb: 192 });
/** For well-formed files whose parsing may be slow on a loaded machine (the first PDF compiles pdf.js). */
const roomy = new ExtractSandbox({ timeoutMs: 60_000, heapMb: 192 });
afterAll(() => {
  sandbox.close();
  roomy.close();
  temp.cleanup();
});
const write = (name: string, data: string | Uint8Array): string => {
  const file = path.join(temp.dir, name);
  writeFileSync(file, data);
  return file;
};

async function drain(stream: ExtractionStream): Promise<{ texts: string[]; warnings: string[] }> {
  const texts: string[] = [];
  for await (const section of stream) texts.push(section.text);
  return { texts, warnings: stream.summary().warnings.map((w) => w.code) };
}

describe('extraction sandbox', () => {
  it.each([
    ['deep.md', deepMarkdownList(20_000)],
    ['nested.html', nestedHtml(50_000)],
    ['emphasis.md', emphasisRun(1024 * 1024)],
  ])('%s is stopped at the time budget with FILE_TOO_COMPLEX, and the event loop stays free', async (name, content) => {
    const file = write(name, content);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const started = performance.now();
    const error = await drain(sandbox.extract(file)).catch((e: unknown) => e);
    clearInterval(ticker);
    expect(error).toMatchObject({ code: 'FILE_TOO_COMPLEX', extractCode: 'FILE_TOO_COMPLEX', message: `\`${name}\` took longer than 2 s to extract; it was skipped. Simplify or split it, or raise ENCLAVE_EXTRACT_TIMEOUT_MS` });
    // Worker start-up (first file) is not charged to the file; the stop itself is prompt.
    expect(performance.now() - started).toBeLessThan(30_000);
    // The parser ran elsewhere: this thread kept ticking the whole time.
    expect(ticks).toBeGreaterThanOrEqual(20);
  });

  it('a file that outgrows the heap budget is stopped with FILE_TOO_COMPLEX (memory)', async () => {
    // 3 million tiny objects: about 20 MB of JSON, several hundred MB of heap once parsed.
    const file = write('wide.json', `[${'{"a":1},'.repeat(3_000_000)}{"a":1}]`);
    await expect(drain(roomy.extract(file))).rejects.toMatchObject({ code: 'FILE_TOO_COMPLEX', message: expect.stringContaining('needed more than 192 MiB of memory') });
  });

  it('after stopped files, the same sandbox extracts the next one normally', async () => {
    const md = await drain(sandbox.extract(write('fine.md', '# Pumps\n\nThe coolant pump is inspected every 90 days.')));
    expect(md.texts.join('\n')).toContain('coolant pump');
  });

  it('a PDF encrypted with an empty user password is extracted with a note saying so', async () => {
    const pdf = await drain(roomy.extract(write('open.pdf', pdfWithEmptyUserPassword('Quarterly coolant figures'))));
    expect(pdf.texts).toEqual(['Quarterly coolant figures']);
    expect(pdf.warnings).toEqual(['ENCRYPTED_EMPTY_PASSWORD']);
  });

  it('typed extraction errors cross the worker boundary unchanged', async () => {
    await expect(drain(roomy.extract(write('empty.txt', '')))).rejects.toMatchObject({ code: 'FILE_EMPTY', extractCode: 'FILE_EMPTY' });
    await expect(drain(roomy.extract(write('blob.bin', Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 7]))))).rejects.toMatchObject({ extractCode: 'UNSUPPORTED_TYPE' });
  });

  it('cancelling stops a spinning extraction at once', { timeout: 120_000 }, async () => {
    const controller = new AbortController();
    const patient = new ExtractSandbox({ timeoutMs: 600_000, heapMb: 256 });
    try {
      const pending = drain(patient.extract(write('spin.md', deepMarkdownList(20_000)), { signal: controller.signal })).catch((e: unknown) => e);
      // Cancel while the worker is inside the parser (after its start-up), then time the stop alone.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const stopAt = performance.now();
      controller.abort();
      expect(await pending).toMatchObject({ code: 'CANCELLED' });
      expect(performance.now() - stopAt).toBeLessThan(2_000);
    } finally {
      patient.close();
    }
  });
});

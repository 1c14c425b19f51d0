// Extraction benchmark over the shared corpus: time and MB/s per format, must-include recall, PDF layout
// similarity, and plain-text streaming throughput on a generated file. Prints Markdown when run directly:
//   node --import tsx bench/extract.bench.ts
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { documentText, extractDocument, extractDocumentStream, type ExtractedDocument } from '../electron/core/rag/extract/extract.js';
import { corpusDir, corpusFile, expectedPdfOutputs, generalVectors } from '../test/rag/extract/corpus.js';
import { normalizeWhitespace, sequenceSimilarity } from '../test/rag/extract/similarity.js';

const MIN_MS = 200;

function allText(doc: ExtractedDocument): string {
  return [documentText(doc), ...(doc.members ?? []).map(allText)].join('\n\n');
}

/** Median time of repeated runs (at least 3, and at least MIN_MS in total). */
async function time(run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < 3 || performance.now() - start < MIN_MS) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
    if (samples.length >= 50) break;
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

interface FormatRow {
  files: number;
  bytes: number;
  ms: number;
  found: number;
  wanted: number;
  leaked: number;
}

export async function benchExtract(): Promise<string> {
  const vectors = new Map(generalVectors().map((v) => [v.filename, v]));
  const rows = new Map<string, FormatRow>();
  for (const name of readdirSync(path.join(corpusDir, 'files')).sort()) {
    const file = corpusFile(name);
    let doc: ExtractedDocument;
    try {
      doc = await extractDocument(file);
    } catch {
      continue; // random.bin: refused by design, nothing to time
    }
    const ms = await time(() => extractDocument(file));
    const row = rows.get(doc.format) ?? { files: 0, bytes: 0, ms: 0, found: 0, wanted: 0, leaked: 0 };
    row.files++;
    row.bytes += statSync(file).size;
    row.ms += ms;
    const vector = vectors.get(name);
    if (vector) {
      const text = normalizeWhitespace(allText(doc));
      row.wanted += vector.must_include.length;
      row.found += vector.must_include.filter((s) => text.includes(normalizeWhitespace(s))).length;
      row.leaked += vector.must_not_include.filter((s) => text.includes(normalizeWhitespace(s))).length;
    }
    rows.set(doc.format, row);
  }

  const lines = [
    '## Document extraction',
    '',
    `Shared corpus (${path.basename(path.dirname(corpusDir))}/docs), median of repeated runs per file; recall = must-include strings found (whitespace-normalised).`,
    '',
    '| format | files | MB | ms (sum of medians) | MB/s | must-include found | must-not-include produced |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  let found = 0;
  let wanted = 0;
  for (const [format, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    found += r.found;
    wanted += r.wanted;
    const mb = r.bytes / 1024 ** 2;
    const recall = r.wanted ? `${r.found}/${r.wanted}` : '–';
    lines.push(`| ${format} | ${r.files} | ${mb.toFixed(2)} | ${r.ms.toFixed(1)} | ${(mb / (r.ms / 1000)).toFixed(2)} | ${recall} | ${r.wanted ? r.leaked : '–'} |`);
  }
  lines.push('', `Overall must-include recall: ${found}/${wanted} = ${(found / wanted).toFixed(3)}.`, '');

  lines.push('| PDF | words similarity | cells similarity |', '| --- | --- | --- |');
  for (const { pdf, expected } of expectedPdfOutputs()) {
    const text = documentText(await extractDocument(corpusFile(pdf)));
    lines.push(`| ${pdf} | ${sequenceSimilarity(expected, text).toFixed(3)} | ${sequenceSimilarity(expected, text, true).toFixed(3)} |`);
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'enclave-bench-extract-'));
  try {
    const file = path.join(dir, 'large.txt');
    const paragraph = 'The quick brown fox jumps over the lazy dog while the archive grows line by line.\n'.repeat(10);
    writeFileSync(file, `${paragraph}\n`.repeat(Math.ceil((64 * 1024 ** 2) / (paragraph.length + 1))));
    const size = statSync(file).size;
    const start = performance.now();
    for await (const _section of extractDocumentStream(file));
    const seconds = (performance.now() - start) / 1000;
    lines.push('', `Plain-text streaming (generated ${(size / 1024 ** 2).toFixed(0)} MB file): ${(size / 1024 ** 2 / seconds).toFixed(0)} MB/s.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(await benchExtract());
}

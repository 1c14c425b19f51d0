// Bounded-time fuzzing of ingestion: seeded mutations (bit flips, truncations, spliced bytes) of a real document of
// every format, plus nesting bombs, ingested by the real CLI with lowered budgets. Every file must end as indexed
// chunks or a typed per-file error: never INTERNAL, never a hang, and the process survives to write its report.
// ENCLAVE_FUZZ_SEED picks another seed (a failure prints the one it used).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sharedDir, tempDir } from '../helpers/fixtures.js';
import { bitFlip, deepMarkdownList, emphasisRun, nestedHtml, seededRandom, spliceBytes, truncate } from '../helpers/hostile-files.js';

const SEED = Number(process.env.ENCLAVE_FUZZ_SEED ?? 20_240_610);
/** The lowered per-file budget: well above what any intact seed needs, so only real spinning reaches it. */
const BUDGET_MS = '2000';
const corpus = path.join(sharedDir, 'corpus/docs/files');
/** One real document per format, small ones: a mutant should cost what its damage costs, not what its size does. */
const corpusSeeds = ['RECEIPT-2024-TXN-98765_retail_purchase.pdf', 'test_with_comment.docx', 'test.pptx', 'test.xlsx', 'test.xls', 'test_blog.html', 'test.epub', 'test_outlook_msg.msg', 'test_mskanji.csv', 'test_notebook.ipynb', 'test.json'];

/** Formats without a small real sample: a feed, and an archive of real members. */
function madeSeeds(): Array<[string, Uint8Array]> {
  const items = Array.from({ length: 12 }, (_, i) => `<item><title>Inspection ${i}</title><description>Valve ${i} held ${i * 3} bar.</description></item>`).join('');
  const feed = new TextEncoder().encode(`<?xml version="1.0"?><rss version="2.0"><channel><title>Plant news</title>${items}</channel></rss>`);
  const archive = zipSync({
    'notes/readme.md': new TextEncoder().encode('# Readme\n\nThe pump room is on level 2.'),
    'data/table.csv': readFileSync(path.join(corpus, 'test_mskanji.csv')),
    'docs/comment.docx': readFileSync(path.join(corpus, 'test_with_comment.docx')),
  });
  return [['feed.xml', feed], ['bundle.zip', archive]];
}
/** Per seed: bit flips at three rates, two truncations, two splices; spreadsheets (the worst offenders) get more. */
const MUTANTS_PER_SEED = 8;
const EXTRA_XLSX_FLIPS = 12;
/** Per-file outcomes a user can act on. */
const TYPED = new Set(['UNSUPPORTED_TYPE', 'FILE_ENCRYPTED', 'FILE_CORRUPT', 'FILE_EMPTY', 'FILE_TOO_LARGE', 'ZIP_BOMB', 'FILE_UNREADABLE', 'FILE_TOO_COMPLEX']);

function mutants(random: () => number): Array<[string, Uint8Array | string]> {
  const out: Array<[string, Uint8Array | string]> = [];
  const seeds: Array<[string, Uint8Array]> = [...corpusSeeds.map((name): [string, Uint8Array] => [name, readFileSync(path.join(corpus, name))]), ...madeSeeds()];
  for (const [seed, bytes] of seeds) {
    const ext = path.extname(seed);
    const base = path.basename(seed, ext);
    const kinds: Array<[string, () => Uint8Array]> = [
      ['flip1', () => bitFlip(bytes, random, 1)],
      ['flip8', () => bitFlip(bytes, random, 8)],
      ['flip64', () => bitFlip(bytes, random, 64)],
      ['flip512', () => bitFlip(bytes, random, 512)],
      ['cut-a', () => truncate(bytes, random)],
      ['cut-b', () => truncate(bytes, random)],
      ['splice-a', () => spliceBytes(bytes, random)],
      ['splice-b', () => spliceBytes(bytes, random)],
    ];
    for (const [kind, make] of kinds.slice(0, MUTANTS_PER_SEED)) out.push([`${base}-${kind}${ext}`, make()]);
    if (ext === '.xlsx') for (let i = 0; i < EXTRA_XLSX_FLIPS; i++) out.push([`${base}-flip-extra-${i}${ext}`, bitFlip(bytes, random, 1 + Math.floor(random() * 16))]);
  }
  // Nesting bombs and backtracking traps: valid files that are expensive to parse.
  out.push(['bomb-list.md', deepMarkdownList(20_000)]);
  out.push(['bomb-nested.html', nestedHtml(50_000)]);
  out.push(['bomb-emphasis.md', emphasisRun(1024 * 1024)]);
  out.push(['bomb-tabs.md', `${'\t'.repeat(200_000)}x\n`.repeat(5)]);
  out.push(['bomb-nested.json', `${'['.repeat(200_000)}1${']'.repeat(200_000)}`]);
  out.push(['bomb-quotes.md', `${'> '.repeat(50_000)}deep quote\n`]);
  const inner = zipSync({ 'a.txt': new TextEncoder().encode('inner text '.repeat(100)) });
  out.push(['bomb-nested.zip', zipSync({ 'l1.zip': zipSync({ 'l2.zip': zipSync({ 'l3.zip': zipSync({ 'l4.zip': inner }) }) }) })]);
  return out;
}

describe('fuzzing ingestion', () => {
  const temp = tempDir('enclave-fuzz-');
  afterAll(() => temp.cleanup());

  test(`about 130 mutants of every format: chunks or a typed error each, no hang, no crash (seed ${SEED})`, { timeout: 300_000 }, async () => {
    const dir = path.join(temp.dir, 'mutants');
    mkdirSync(dir);
    const files = mutants(seededRandom(SEED));
    for (const [name, content] of files) writeFileSync(path.join(dir, name), content);
    const data = ['--data-dir', path.join(temp.dir, 'data')];
    expect((await runCli(['collections', 'create', 'fuzz', '--chunk-tokens', '128', '--overlap', '16', '--json', ...data])).code).toBe(0);

    const started = Date.now();
    const run = await runCli(['ingest', dir, '--collection', 'fuzz', '--acl', 'public', '--json', ...data], {
      env: { ENCLAVE_EXTRACT_TIMEOUT_MS: BUDGET_MS, ENCLAVE_EXTRACT_HEAP_MB: '256' },
      timeoutMs: 280_000,
    });
    const seconds = (Date.now() - started) / 1000;
    // A hang would have been killed by the timeout (code -1); a crash or an INTERNAL error fails the whole command.
    expect(run.code, `seed ${SEED}: ${run.stderr.slice(-2000)}`).toBe(0);
    const report = run.json<{ documents: number; skipped: Array<{ path: string; code: string }>; warnings: unknown[] }>();
    const untyped = report.skipped.filter((s) => !TYPED.has(s.code));
    expect(untyped, `seed ${SEED}`).toEqual([]);
    // Every top-level file is accounted for: indexed (with its members) or skipped with a code.
    const skipped = new Set(report.skipped.map((s) => path.basename(s.path)));
    const indexed = await runCli(['documents', '--collection', 'fuzz', '--limit', '1000', '--json', ...data]);
    const sources = new Set(indexed.json<{ items: Array<{ source: string }> }>().items.map((d) => path.basename(d.source.split('!/')[0]!)));
    for (const [name] of files) expect(skipped.has(name) || sources.has(name), `${name} (seed ${SEED})`).toBe(true);
    const byCode = report.skipped.reduce<Record<string, number>>((counts, s) => ({ ...counts, [s.code]: (counts[s.code] ?? 0) + 1 }), {});
    process.stdout.write(`fuzz (seed ${SEED}): ${files.length} files in ${seconds.toFixed(1)} s; ${files.length - skipped.size} indexed, skipped ${JSON.stringify(byCode)}; over budget: ${report.skipped.filter((s) => s.code === 'FILE_TOO_COMPLEX').map((s) => path.basename(s.path)).join(' ')}\n`);
  });
});

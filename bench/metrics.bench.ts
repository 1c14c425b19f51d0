// Metric throughput: BLEU, chrF and ROUGE-L over the 16 WMT17 en-de systems × 3,004 segments
// (../shared/eval/metrics/sacrebleu), per metric and together, plus the `enclave metrics score`
// path (JSONL parsing included). Corpus scores are checked against sacreBLEU's in the same run, and
// the reference row is the floor any metric pays: whitespace-splitting every hypothesis and reference.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Bleu } from '../electron/core/eval/metrics/bleu.metric.js';
import { Chrf } from '../electron/core/eval/metrics/chrf.metric.js';
import { pySplit } from '../electron/core/text/python-compat.js';
import { rougeScore } from '../electron/core/eval/metrics/rouge.metric.js';
import { scoreFile } from '../electron/core/eval/metrics/score-file.js';
import { fmt, machineLine, median } from './machine.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = path.resolve(root, '../shared/eval/metrics/sacrebleu');
const RUNS = 3;

interface Corpus {
  systems: string[];
  references: string[];
  outputs: Record<string, string[]>;
  expected: Record<string, { BLEU: number; chrF2: number }>;
}

function loadCorpus(): Corpus {
  const rows = gunzipSync(readFileSync(path.join(dataDir, 'wmt17_en_de_newstest2017_systems.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, string>);
  const systems = Object.keys(rows[0] ?? {}).filter((k) => k !== 'seg_id' && k !== 'reference');
  const outputs = Object.fromEntries(systems.map((s) => [s, rows.map((r) => String(r[s]))]));
  const expected = (JSON.parse(readFileSync(path.join(dataDir, 'wmt17_en_de_expected_corpus_scores.json'), 'utf8')) as { systems: Corpus['expected'] }).systems;
  return { systems, references: rows.map((r) => String(r.reference)), outputs, expected };
}

/** Median wall time of RUNS runs of `work`, in seconds. */
function time(work: () => void): number {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    work();
    runs.push((performance.now() - started) / 1000);
  }
  return median(runs);
}

export async function benchMetrics(): Promise<string> {
  const corpus = loadCorpus();
  const refs = corpus.references.map((r) => [r]);
  const segments = corpus.systems.length * corpus.references.length;
  let worstBleu = 0;
  let worstChrf = 0;

  // Like sacreBLEU with cached references, each scorer is built once and scores every system.
  const bleuAll = (): void => {
    const corpusBleu = new Bleu();
    const sentence = new Bleu({ effectiveOrder: true });
    for (const system of corpus.systems) {
      const stats = (corpus.outputs[system] as string[]).map((h, i) => corpusBleu.segmentStats(h, refs[i] as string[]));
      for (const s of stats) sentence.scoreFromStats(s);
      const score = corpusBleu.scoreFromStats(stats.reduce((a, s) => a.map((v, k) => v + (s[k] ?? 0))));
      worstBleu = Math.max(worstBleu, Math.abs(score.score - (corpus.expected[system]?.BLEU ?? NaN)));
    }
  };
  const chrfAll = (): void => {
    const chrf = new Chrf();
    for (const system of corpus.systems) {
      const stats = (corpus.outputs[system] as string[]).map((h, i) => chrf.segmentStats(h, refs[i] as string[]));
      for (const s of stats) chrf.fScore(s);
      const score = chrf.fScore(stats.reduce((a, s) => a.map((v, k) => v + (s[k] ?? 0))));
      worstChrf = Math.max(worstChrf, Math.abs(score - (corpus.expected[system]?.chrF2 ?? NaN)));
    }
  };
  const rougeAll = (): void => {
    for (const system of corpus.systems) (corpus.outputs[system] as string[]).forEach((h, i) => rougeScore('rougeL', corpus.references[i] as string, h));
  };
  const floor = (): void => {
    for (const system of corpus.systems) (corpus.outputs[system] as string[]).forEach((h, i) => [pySplit(h), pySplit(corpus.references[i] as string)]);
  };
  const lines = corpus.systems.flatMap((s) => (corpus.outputs[s] as string[]).map((hypothesis, i) => JSON.stringify({ id: `${s}#${i}`, hypothesis, references: [corpus.references[i]] })));
  const cli = (): void => void scoreFile(lines, { metrics: ['bleu', 'chrf', 'rougeL'] });

  const floorSeconds = time(floor);
  const results: Array<[string, number]> = [
    ['BLEU (corpus + sentence)', time(bleuAll)],
    ['chrF (corpus + sentence)', time(chrfAll)],
    ['ROUGE-L (sentence F)', time(rougeAll)],
  ];
  const together = results.reduce((t, [, s]) => t + s, 0);
  const cliSeconds = time(cli);
  const row = (name: string, seconds: number): string =>
    `| ${name} | ${fmt(seconds, 2)} | ${fmt(segments / seconds, 0)} | ${fmt(seconds / floorSeconds, 1)} |`;

  return [
    `### Metrics: BLEU + chrF + ROUGE-L, 16 WMT17 en-de systems × ${corpus.references.length.toLocaleString('en-US')} segments, median of ${RUNS} runs`,
    '',
    `Machine: ${machineLine()}. ${segments.toLocaleString('en-US')} hypothesis/reference pairs; one scorer per metric for all systems (references prepared once, as sacreBLEU's cache does).`,
    '',
    '| work | seconds | segments/s | ratio to whitespace split |',
    '| --- | ---: | ---: | ---: |',
    ...results.map(([name, seconds]) => row(name, seconds)),
    row('**BLEU + chrF + ROUGE-L**', together),
    row('`enclave metrics score` path (JSONL parse, per-line + corpus, 3 metrics)', cliSeconds),
    row('reference: whitespace-split hypothesis and reference (floor)', floorSeconds),
    '',
    `Agreement with sacreBLEU 2.6.0 in this run, max |Δ| over the 16 systems: corpus BLEU ${worstBleu.toExponential(1)}, corpus chrF2 ${worstChrf.toExponential(1)}.`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(await benchMetrics());
}

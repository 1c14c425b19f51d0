// Loaders for the reference values in ../shared/eval/metrics (sacreBLEU, rouge-score and NLTK outputs).
// The tests iterate every case in these files; nothing here is sampled.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedDir } from '../helpers/fixtures.js';

export const metricsDir = path.join(sharedDir, 'eval/metrics');

export interface VectorGroup {
  file: string;
  test_function: string;
  epsilon: number | null;
  cases: Array<Record<string, unknown>>;
}

export function sacrebleuVectors(): VectorGroup[] {
  return JSON.parse(readFileSync(path.join(metricsDir, 'sacrebleu/sacrebleu_test_vectors.json'), 'utf8')) as VectorGroup[];
}

export interface Wmt17 {
  systems: string[];
  references: string[];
  outputs: Record<string, string[]>;
}

/** The 16 WMT17 en-de systems and the reference, segment by segment. */
export function wmt17Systems(): Wmt17 {
  const gz = readFileSync(path.join(metricsDir, 'sacrebleu/wmt17_en_de_newstest2017_systems.jsonl.gz'));
  const rows = gunzipSync(gz).toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, string | number>);
  const systems = Object.keys(rows[0] ?? {}).filter((k) => k !== 'seg_id' && k !== 'reference');
  const outputs: Record<string, string[]> = {};
  for (const system of systems) outputs[system] = rows.map((r) => String(r[system]));
  return { systems, references: rows.map((r) => String(r.reference)), outputs };
}

export interface Wmt17Corpus {
  n_segments: number;
  systems: Record<string, { BLEU: number; BLEU_counts: number[]; BLEU_totals: number[]; BLEU_bp: number; sys_len: number; ref_len: number; chrF2: number; 'chrF2++': number; TER: number }>;
}

export function wmt17Corpus(): Wmt17Corpus {
  return JSON.parse(readFileSync(path.join(metricsDir, 'sacrebleu/wmt17_en_de_expected_corpus_scores.json'), 'utf8')) as Wmt17Corpus;
}

export interface Wmt17Sentence {
  system: string;
  seg_id: number;
  hypothesis: string;
  reference: string;
  sentence_BLEU: number;
  sentence_chrF2: number;
  'sentence_chrF2++': number;
  sentence_TER: number;
}

export function wmt17Sentences(): Wmt17Sentence[] {
  return readFileSync(path.join(metricsDir, 'sacrebleu/wmt17_en_de_expected_sentence_scores.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Wmt17Sentence);
}

export interface RougeCase {
  rouge_type: 'rouge1' | 'rouge2' | 'rougeL' | 'rougeLsum';
  use_stemmer: boolean;
  target: string;
  prediction: string;
  precision: number;
  recall: number;
  fmeasure: number;
  places: number;
}

export function rougeCases(): RougeCase[] {
  return (JSON.parse(readFileSync(path.join(metricsDir, 'rouge/rouge_expected.json'), 'utf8')) as { cases: RougeCase[] }).cases;
}

/** Streams of references (sacreBLEU's shape) → each segment's references (ours). */
export function bySegment(referenceStreams: readonly (readonly string[])[]): string[][] {
  const n = referenceStreams[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => referenceStreams.map((stream) => stream[i] as string));
}

/** Largest absolute difference seen per metric, so the tests can report how close they came. */
export class MaxError {
  private readonly worst = new Map<string, number>();

  record(metric: string, actual: number, expected: number): number {
    const error = Math.abs(actual - expected);
    this.worst.set(metric, Math.max(this.worst.get(metric) ?? 0, error));
    return error;
  }

  get(metric: string): number {
    return this.worst.get(metric) ?? 0;
  }

  summary(): string {
    return [...this.worst].map(([metric, error]) => `${metric}: ${error.toExponential(2)}`).join(', ');
  }
}

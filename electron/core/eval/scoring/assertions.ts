import type { JudgeVerdict } from '../../contract/eval.api.js';
import { contains, containsAll, containsAny, jsonValidity, matchesRegex } from '../metrics/assertion.metric.js';
import type { MetricName } from '../metrics/score-file.js';
import { cosine, type Embed, type RagScores } from '../rag/rag-metrics.js';
import type { Assertion } from '../suites/suite.schema.js';
import { fillAssertion } from './assertion-vars.js';
import { referenceMetric } from './reference-metrics.js';

export interface AssertionResult {
  type: string;
  passed: boolean;
  score: number | null;
  threshold: number | null;
  reason: string;
}

/** What an assertion may look at; expensive parts (RAG scores, a rubric verdict) are computed on first use. */
export interface AssertionContext {
  output: string;
  references: string[];
  latencyMs: number;
  outputSchema: Record<string, unknown> | null;
  rag(): Promise<RagScores>;
  /** A verdict for a rubric given in the assertion, or the suite judge's verdict when it gives none. */
  judge(rubric: string | undefined): Promise<JudgeVerdict>;
  embed?: Embed | undefined;
  /** The case's values that `{{name}}` in an assertion's value is filled from (see assertion-vars.ts). */
  vars?: Record<string, unknown> | undefined;
}

// Defaults on each metric's own scale (BLEU and chrF 0–100; the rest 0–1; llm-rubric 1–5).
const defaultThresholds: Record<string, number> = {
  bleu: 50, chrf: 50, 'rouge-n': 0.75, 'rouge-l': 0.75, meteor: 0.5, f1: 0.5, similar: 0.75, 'llm-rubric': 3,
  'context-faithfulness': 0.5, 'context-recall': 0.5, 'context-relevance': 0.5, 'answer-relevance': 0.5,
};
const referenceTypes: Record<string, MetricName> = { bleu: 'bleu', chrf: 'chrf', 'rouge-l': 'rougeL', meteor: 'meteor', f1: 'f1', 'exact-match': 'em' };
const ragTypes: Record<string, keyof RagScores> = {
  'context-faithfulness': 'faithfulness', 'context-recall': 'context_recall', 'context-relevance': 'context_precision', 'answer-relevance': 'answer_relevance',
};

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)]);

async function check(type: string, a: Assertion, c: AssertionContext): Promise<{ passed: boolean; score: number | null; threshold: number | null; reason: string }> {
  const value = a.value;
  const out = c.output;
  const bool = (passed: boolean, reason: string) => ({ passed, score: passed ? 1 : 0, threshold: null, reason: passed ? reason : `expected: ${reason}` });
  const scored = (score: number | null, threshold: number, higherIsBetter = true, what = type) => {
    if (score === null) return { passed: false, score: null, threshold, reason: `${what} could not be computed (missing reference or context)` };
    const passed = higherIsBetter ? score >= threshold : score <= threshold;
    return { passed, score, threshold, reason: `${what} ${round(score)} ${passed ? (higherIsBetter ? '≥' : '≤') : higherIsBetter ? '<' : '>'} ${threshold}` };
  };
  const threshold = a.threshold ?? defaultThresholds[type] ?? 0;
  switch (type) {
    case 'equals':
      return bool(out.trim() === String(value ?? '').trim(), 'output equals the value');
    case 'contains':
    case 'icontains':
      return bool(contains(out, String(value ?? ''), { ignoreCase: type === 'icontains' }), `output contains "${String(value)}"`);
    case 'contains-any':
    case 'icontains-any':
      return bool(containsAny(out, strings(value), { ignoreCase: type.startsWith('i') }), 'output contains one of the values');
    case 'contains-all':
    case 'icontains-all':
      return bool(containsAll(out, strings(value), { ignoreCase: type.startsWith('i') }), 'output contains all of the values');
    case 'starts-with':
      return bool(out.trimStart().startsWith(String(value ?? '')), `output starts with "${String(value)}"`);
    case 'regex':
      return bool(matchesRegex(out, String(value ?? '')), `output matches /${String(value)}/`);
    case 'is-json': {
      const result = jsonValidity(out, value ?? c.outputSchema ?? undefined);
      return bool(result.valid, result.valid ? 'output is valid JSON' : result.errors.slice(0, 3).join('; '));
    }
    case 'rouge-n': {
      const n = a.value === 2 || a.value === '2' ? 'rouge2' : 'rouge1';
      const refs = c.references;
      return scored(refs.length ? referenceMetric(n, out, refs) : null, threshold, true, n);
    }
    case 'latency':
      if (a.threshold === undefined) return { passed: false, score: c.latencyMs, threshold: null, reason: 'latency needs a threshold in milliseconds' };
      return scored(c.latencyMs, a.threshold, false, 'latency ms');
    case 'similar': {
      if (!c.embed) return { passed: false, score: null, threshold, reason: 'similar needs `embeddingModel` in the suite' };
      const targets = strings(value).length ? strings(value) : c.references;
      if (targets.length === 0) return scored(null, threshold);
      const vectors = await c.embed([out, ...targets]);
      return scored(Math.max(...targets.map((_t, i) => cosine(vectors[0] ?? [], vectors[i + 1] ?? []))), threshold, true, 'cosine');
    }
    case 'llm-rubric': {
      const verdict = await c.judge(typeof value === 'string' ? value : undefined);
      return { ...scored(verdict.overall, threshold, true, 'judge score'), reason: `judge score ${verdict.overall} (threshold ${threshold}): ${verdict.reasoning.slice(0, 200)}` };
    }
    default: {
      const reference = referenceTypes[type];
      if (reference) {
        const refs = strings(value).length ? strings(value) : c.references;
        if (type === 'exact-match') return bool(refs.length > 0 && referenceMetric('em', out, refs) === 1, 'output matches a reference exactly (SQuAD normalisation)');
        return scored(refs.length ? referenceMetric(reference, out, refs) : null, threshold, true, reference);
      }
      const rag = ragTypes[type];
      if (rag) return scored((await c.rag())[rag] as number | null, threshold, true, rag);
      return { passed: false, score: null, threshold: null, reason: `unknown assertion type ${type}` };
    }
  }
}

/** Evaluates one assertion, its value filled from the case; `not-` inverts it. An assertion that throws fails with the error as its reason. */
export async function evaluateAssertion(a: Assertion, c: AssertionContext): Promise<AssertionResult> {
  const negated = a.type.startsWith('not-');
  const type = negated ? a.type.slice(4) : a.type;
  try {
    const r = await check(type, c.vars ? fillAssertion(a, c.vars) : a, c);
    return negated ? { type: a.type, passed: !r.passed, score: r.score, threshold: r.threshold, reason: `not (${r.reason})` } : { type: a.type, ...r };
  } catch (error) {
    return { type: a.type, passed: false, score: null, threshold: null, reason: (error as Error).message };
  }
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

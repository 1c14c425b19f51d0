import { jensenShannon, kmeans } from './kmeans.js';
import { denseToSparse, tfidf, tokens, type SparseVector } from './tfidf.js';

export interface DriftCluster {
  id: number;
  /** The cluster's most characteristic terms (lexical view). */
  terms: string[];
  baselineShare: number;
  currentShare: number;
  /** current − baseline: positive grew, negative shrank. */
  change: number;
  /** Inputs closest to the cluster's centre, from the side where it is larger. */
  examples: string[];
}

export interface DriftReport {
  score: number;
  threshold: number;
  drifted: boolean;
  /** Each view's own divergence: lexical always, embedding when a model was given. */
  views: { lexical: number; embedding: number | null };
  k: number;
  baselineCount: number;
  currentCount: number;
  clusters: DriftCluster[];
}

/** Above this Jensen–Shannon divergence (0–1) between the cluster distributions, inputs have drifted. */
export const DEFAULT_DRIFT_THRESHOLD = 0.1;

/**
 * Topic drift between two samples of inputs: both are clustered together (TF-IDF + spherical k-means, and the same
 * on embeddings when given), each side's share per cluster compared by Jensen–Shannon divergence. The score is the
 * larger of the two views, so a weak embedding model cannot hide drift the words show.
 */
export function checkDrift(baseline: string[], current: string[], options: { threshold?: number; k?: number; embeddings?: number[][] } = {}): DriftReport {
  const texts = [...baseline, ...current];
  const k = options.k ?? Math.max(2, Math.min(12, Math.round(Math.sqrt(texts.length / 4))));
  const { vectors, vocabulary } = tfidf(texts);
  const lexical = clusterShares(vectors, vocabulary.length, baseline.length, k);
  let embedding: { shares: ReturnType<typeof clusterShares>; js: number } | null = null;
  if (options.embeddings && options.embeddings.length === texts.length && options.embeddings[0]) {
    const shares = clusterShares(options.embeddings.map(denseToSparse), options.embeddings[0].length, baseline.length, k);
    embedding = { shares, js: jensenShannon(shares.baseline, shares.current) };
  }
  const lexicalJs = jensenShannon(lexical.baseline, lexical.current);
  const score = round(Math.max(lexicalJs, embedding?.js ?? 0));
  const threshold = options.threshold ?? DEFAULT_DRIFT_THRESHOLD;
  const clusters = lexical.baseline.map((b, id) => {
    const c = lexical.current[id]!;
    const members = vectors.map((v, i) => ({ i, v })).filter(({ i }) => lexical.assignment[i] === id);
    const fromCurrent = c >= b;
    const centroid = lexical.centroids[id]!;
    const examples = members
      .filter(({ i }) => (fromCurrent ? i >= baseline.length : i < baseline.length))
      .map(({ i, v }) => ({ i, score: [...v].reduce((sum, [d, w]) => sum + w * (centroid[d] ?? 0), 0) }))
      .sort((x, y) => y.score - x.score)
      .slice(0, 3)
      .map(({ i }) => texts[i]!.slice(0, 300));
    const terms = [...centroid.entries()].sort((x, y) => y[1] - x[1]).slice(0, 6).filter(([, w]) => w > 0).map(([d]) => vocabulary[d]!);
    return { id, terms, baselineShare: round(b), currentShare: round(c), change: round(c - b), examples };
  }).sort((x, y) => Math.abs(y.change) - Math.abs(x.change));
  return {
    score, threshold, drifted: score > threshold, views: { lexical: round(lexicalJs), embedding: embedding ? round(embedding.js) : null },
    k, baselineCount: baseline.length, currentCount: current.length, clusters,
  };
}

function clusterShares(vectors: SparseVector[], dimensions: number, split: number, k: number): { baseline: number[]; current: number[]; assignment: number[]; centroids: Float64Array[] } {
  const { assignment, centroids } = kmeans(vectors, k, Math.max(1, dimensions));
  const count = (from: number, to: number): number[] => {
    const n = new Array<number>(centroids.length).fill(0);
    for (let i = from; i < to; i++) n[assignment[i]!]! += 1;
    const total = Math.max(1, to - from);
    return n.map((x) => x / total);
  };
  return { baseline: count(0, split), current: count(split, vectors.length), assignment, centroids };
}

/** Output drift of traffic windows: how long, how often failed or refused, how rated. */
export function outputStats(rows: Array<{ output: string; status: string; feedback: number | null; score: number | null }>): Record<string, number | null> {
  const n = Math.max(1, rows.length);
  const rated = rows.filter((r) => r.feedback !== null);
  const scored = rows.filter((r) => r.score !== null);
  const refusal = /\b(cannot|can't|unable to|not able to|i won't|refuse|not answered|held for review)\b/i;
  return {
    count: rows.length,
    meanOutputWords: round(rows.reduce((sum, r) => sum + tokens(r.output).length, 0) / n),
    errorRate: round(rows.filter((r) => r.status === 'error').length / n),
    refusalRate: round(rows.filter((r) => refusal.test(r.output)).length / n),
    thumbsUpRatio: rated.length === 0 ? null : round(rated.filter((r) => (r.feedback ?? 0) > 0).length / rated.length),
    judgeMean: scored.length === 0 ? null : round(scored.reduce((sum, r) => sum + (r.score ?? 0), 0) / scored.length),
  };
}

const round = (value: number): number => Math.round(value * 1e4) / 1e4;

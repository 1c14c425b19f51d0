import type { SparseVector } from './tfidf.js';

/** A deterministic pseudo-random stream: the same samples always give the same clusters. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function dot(a: SparseVector, centroid: Float64Array): number {
  let sum = 0;
  for (const [i, w] of a) sum += w * (centroid[i] ?? 0);
  return sum;
}

/**
 * Spherical k-means (cosine) with k-means++ seeding on sparse vectors. Returns each vector's cluster and the
 * centroids; `dimensions` is the vocabulary (or embedding) size.
 */
export function kmeans(vectors: SparseVector[], k: number, dimensions: number, iterations = 25, seed = 42): { assignment: number[]; centroids: Float64Array[] } {
  const random = rng(seed);
  const n = vectors.length;
  const toDense = (v: SparseVector): Float64Array => {
    const c = new Float64Array(dimensions);
    for (const [i, w] of v) c[i] = w;
    return c;
  };
  const centroids: Float64Array[] = [toDense(vectors[Math.floor(random() * n)]!)];
  const distance = new Float64Array(n).fill(Infinity);
  while (centroids.length < Math.min(k, n)) {
    const last = centroids[centroids.length - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      distance[i] = Math.min(distance[i]!, Math.max(0, 1 - dot(vectors[i]!, last)));
      total += distance[i]! ** 2;
    }
    if (total === 0) break;
    let pick = random() * total;
    let chosen = n - 1;
    for (let i = 0; i < n; i++) {
      pick -= distance[i]! ** 2;
      if (pick <= 0) { chosen = i; break; }
    }
    centroids.push(toDense(vectors[chosen]!));
  }
  const assignment = new Array<number>(n).fill(0);
  for (let iteration = 0; iteration < iterations; iteration++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestScore = -Infinity;
      centroids.forEach((c, j) => {
        const score = dot(vectors[i]!, c);
        if (score > bestScore) { bestScore = score; best = j; }
      });
      if (assignment[i] !== best || iteration === 0) moved++;
      assignment[i] = best;
    }
    for (let j = 0; j < centroids.length; j++) {
      const c = new Float64Array(dimensions);
      let members = 0;
      for (let i = 0; i < n; i++) {
        if (assignment[i] !== j) continue;
        members++;
        for (const [d, w] of vectors[i]!) c[d]! += w;
      }
      if (members === 0) continue;
      let norm = 0;
      for (const w of c) norm += w * w;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dimensions; d++) c[d]! /= norm;
      centroids[j] = c;
    }
    if (moved === 0) break;
  }
  return { assignment, centroids };
}

/** Jensen–Shannon divergence (base 2, 0–1) between two distributions over the same clusters. */
export function jensenShannon(p: number[], q: number[]): number {
  const kl = (a: number[], b: number[]): number => a.reduce((sum, ai, i) => (ai > 0 ? sum + ai * Math.log2(ai / b[i]!) : sum), 0);
  const m = p.map((pi, i) => (pi + q[i]!) / 2);
  return Math.max(0, Math.min(1, (kl(p, m) + kl(q, m)) / 2));
}

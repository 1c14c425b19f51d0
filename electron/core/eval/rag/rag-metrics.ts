import { contentWords, lexicalCoverage } from '../../rag/search/fts-query.js';

// RAG metrics following RAGAS's definitions (Es et al. 2023, "RAGAS: Automated Evaluation of Retrieval Augmented
// Generation", and the ragas documentation):
//   faithfulness       = |answer claims supported by the retrieved contexts| / |answer claims|
//   answer relevance   = similarity of the answer to the question (RAGAS: mean cosine between the question and
//                        questions generated from the answer; without a generator, the answer itself is embedded)
//   context precision  = Σ_k precision@k · v_k / Σ_k v_k over the ranked contexts, v_k = 1 when context k is
//                        relevant to the reference answer
//   context recall     = |reference claims attributable to the retrieved contexts| / |reference claims|
//   hallucination      = 1 when the answer makes at least one unsupported claim (its mean over a run is the rate)
// RAGAS extracts claims and checks them with an LLM. Here claims are sentences, and support is decided by a local
// judge model when the suite names one (`rag.claimJudge`, claim-judge.ts: RAGAS's verification step), otherwise
// lexically (share of the claim's content words found in a context, the same check RAG answers use for citations)
// or, with an embedding model, by cosine similarity.

/** Vectors for texts, from a local embedding model; absent when the suite names none. */
export type Embed = (texts: string[]) => Promise<number[][]>;

export interface RagMetricOptions {
  /** Share of a claim's content words a context must contain for lexical support. */
  lexicalThreshold?: number;
  /** Cosine similarity at which an embedding counts as support. */
  embeddingThreshold?: number;
  embed?: Embed | undefined;
  /** A judge model's verdicts per claim; when given, it decides support instead of the lexical/embedding checks. */
  verify?: ((claims: string[], contexts: string[]) => Promise<boolean[]>) | undefined;
}

export interface RagScores {
  faithfulness: number | null;
  answer_relevance: number | null;
  context_precision: number | null;
  context_recall: number | null;
  hallucination: number | null;
  /** Which support check decided: 'judge', 'lexical' or 'lexical+embedding'. */
  method: string;
  unsupportedClaims: string[];
}

/** Sentences with at least one content word; citation markers like [2] are dropped. */
export function splitClaims(text: string): string[] {
  return text
    .replace(/\[\d+(?:,\s*\d+)*\]/g, '')
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => contentWords(s).length > 0);
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** For each claim, is some context supporting it? */
async function supported(claims: string[], contexts: string[], options: RagMetricOptions): Promise<boolean[]> {
  if (options.verify) return claims.length === 0 || contexts.length === 0 ? claims.map(() => false) : options.verify(claims, contexts);
  const lexical = options.lexicalThreshold ?? 0.5;
  const verdicts = claims.map((claim) => contexts.some((context) => lexicalCoverage(claim, context) >= lexical));
  if (!options.embed || claims.length === 0 || contexts.length === 0 || verdicts.every(Boolean)) return verdicts;
  const vectors = await options.embed([...claims, ...contexts]);
  const threshold = options.embeddingThreshold ?? 0.8;
  return verdicts.map((v, i) => v || contexts.some((_c, j) => cosine(vectors[i] ?? [], vectors[claims.length + j] ?? []) >= threshold));
}

async function answerRelevance(question: string, answer: string, options: RagMetricOptions): Promise<number | null> {
  if (question.trim() === '' || answer.trim() === '') return null;
  if (options.embed) {
    const [q, a] = await options.embed([question, answer]);
    return Math.max(0, cosine(q ?? [], a ?? []));
  }
  return lexicalCoverage(question, answer);
}

/** RAGAS's context precision from per-rank relevance indicators. */
export function contextPrecision(relevant: readonly boolean[]): number | null {
  let hits = 0;
  let sum = 0;
  relevant.forEach((v, k) => {
    if (!v) return;
    hits++;
    sum += hits / (k + 1);
  });
  return relevant.length === 0 ? null : hits === 0 ? 0 : sum / hits;
}

export async function ragScores(input: { question: string; answer: string; contexts: string[]; reference: string | null }, options: RagMetricOptions = {}): Promise<RagScores> {
  const method = options.verify ? 'judge' : options.embed ? 'lexical+embedding' : 'lexical';
  const claims = splitClaims(input.answer);
  const claimSupport = input.contexts.length > 0 ? await supported(claims, input.contexts, options) : [];
  const faithfulness = input.contexts.length === 0 || claims.length === 0 ? null : claimSupport.filter(Boolean).length / claims.length;
  let precision: number | null = null;
  let recall: number | null = null;
  if (input.reference && input.contexts.length > 0) {
    const referenceClaims = splitClaims(input.reference);
    // A context is relevant when it supports some claim of the reference answer.
    const relevant = await Promise.all(input.contexts.map(async (context) => (await supported(referenceClaims, [context], options)).some(Boolean)));
    precision = contextPrecision(relevant);
    const attributable = await supported(referenceClaims, input.contexts, options);
    recall = referenceClaims.length === 0 ? null : attributable.filter(Boolean).length / referenceClaims.length;
  }
  return {
    faithfulness,
    answer_relevance: await answerRelevance(input.question, input.answer, options),
    context_precision: precision,
    context_recall: recall,
    hallucination: faithfulness === null ? null : faithfulness < 1 ? 1 : 0,
    method,
    unsupportedClaims: claims.filter((_c, i) => claimSupport[i] === false),
  };
}

export const ragMetricNames = ['faithfulness', 'answer_relevance', 'context_precision', 'context_recall', 'hallucination'] as const;
export type RagMetricName = (typeof ragMetricNames)[number];

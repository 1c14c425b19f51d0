import type { InferenceService } from '../../inference/inference.service.js';
import { approximateTokenCounter, type TokenCounter } from '../chunking/chunker.js';

/** Texts per embedding call: large enough to amortise the host round trip, small enough to cancel promptly. */
const EMBED_BATCH = 64;

/** The collection's embedding model as chunking and indexing need it: token counts and normalised vectors. */
export class Embedder {
  constructor(private readonly inference: InferenceService, readonly modelId: string | null) {}

  get enabled(): boolean {
    return this.modelId !== null;
  }

  readonly countTokens: TokenCounter = async (texts) => {
    if (this.modelId === null) return approximateTokenCounter(texts);
    const counts: number[] = [];
    for (let i = 0; i < texts.length; i += 2048) counts.push(...(await this.inference.countTokens(this.modelId, texts.slice(i, i + 2048))));
    return counts;
  };

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (this.modelId === null) return [];
    const vectors: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += EMBED_BATCH) {
      if (signal?.aborted) break;
      // Indexing serves every later search: a production path, approved models only.
      const batch = await this.inference.embed(this.modelId, texts.slice(i, i + EMBED_BATCH), 'production');
      vectors.push(...batch.vectors.map(normalise));
    }
    return vectors;
  }
}

/** Unit length, so cosine, int8 'unit' quantization and dot products agree. */
export function normalise(vector: number[] | Float32Array): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (const x of out) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / norm;
  return out;
}

// The model shapes users run, as GGUF metadata and tensor lists. Only shapes and quantizations matter for speed:
// the vocabularies are real (../shared/models), the weights seeded noise, so their outputs mean nothing.
import { TensorType, type MetaValue, type TensorSpec } from './gguf-write.js';

export interface LlamaShape {
  kind: 'llama';
  id: string;
  description: string;
  layers: number;
  embd: number;
  heads: number;
  kvHeads: number;
  ffn: number;
  context: number;
  /** Separate output matrix (else tied to the token embeddings, as SmolLM does). */
  untiedOutput: boolean;
}

export interface BertShape {
  kind: 'bert';
  id: string;
  description: string;
  layers: number;
  embd: number;
  heads: number;
  ffn: number;
  context: number;
}

export type Shape = LlamaShape | BertShape;

export const shapes = {
  /** SmolLM-135M: 30 layers, 576 dims, 9 heads (3 KV), FFN 1536, tied embeddings. */
  smol135m: { kind: 'llama', id: 'smol-135m', description: 'SmolLM-135M shape (30 layers, 576 dims, 9/3 heads, FFN 1536)', layers: 30, embd: 576, heads: 9, kvHeads: 3, ffn: 1536, context: 2048, untiedOutput: false },
  /** ~0.5B parameters with the 32k Llama vocabulary: 24 layers, 1024 dims, 16 heads (4 KV), FFN 4864, untied output. */
  llama05b: { kind: 'llama', id: 'llama-0.5b', description: '~0.5B shape (24 layers, 1024 dims, 16/4 heads, FFN 4864, untied output; 0.49B parameters)', layers: 24, embd: 1024, heads: 16, kvHeads: 4, ffn: 4864, context: 2048, untiedOutput: true },
  /** bge-small-en-v1.5: BERT, 12 layers, 384 dims, 12 heads, FFN 1536, CLS pooling. */
  bgeSmall: { kind: 'bert', id: 'bge-small', description: 'bge-small shape (BERT, 12 layers, 384 dims, 12 heads, FFN 1536, CLS pooling)', layers: 12, embd: 384, heads: 12, ffn: 1536, context: 512 },
} as const satisfies Record<string, Shape>;

export type Quant = 'Q8_0' | 'Q4_K_M';
/** general.file_type as llama.cpp numbers it. */
const fileTypes: Record<Quant, number> = { Q8_0: 7, Q4_K_M: 15 };

const F16 = TensorType.F16;
const F32 = TensorType.F32;
const norm = (name: string, n: number): TensorSpec => ({ name, dims: [n], type: F32, fill: 'ones' });
const bias = (name: string, n: number): TensorSpec => ({ name, dims: [n], type: F32, fill: 'zeros' });

/** llama.cpp's use_more_bits (llama-quant.cpp): the layers Q4_K_M gives Q6_K for attn_v and ffn_down. */
const moreBits = (layer: number, layers: number): boolean =>
  layer < Math.floor(layers / 8) || layer >= Math.floor((7 * layers) / 8) || (layer - Math.floor(layers / 8)) % 3 === 2;

/**
 * The type llama-quantize gives a weight matrix under `quant` (llama_tensor_get_type): Q8_0 everywhere for Q8_0;
 * for Q4_K_M, Q4_K with Q6_K for the output matrix (or the tied token embeddings) and for attn_v/ffn_down of the
 * layers use_more_bits picks.
 */
function matrixType(quant: Quant, role: 'output' | 'attn_v' | 'ffn_down' | 'other', layer: number, layers: number): TensorType {
  if (quant === 'Q8_0') return TensorType.Q8_0;
  if (role === 'output') return TensorType.Q6_K;
  if ((role === 'attn_v' || role === 'ffn_down') && moreBits(layer, layers)) return TensorType.Q6_K;
  return TensorType.Q4_K;
}

export function llamaModel(shape: LlamaShape, vocab: number, quant: Quant): { meta: Array<[string, MetaValue]>; tensors: TensorSpec[] } {
  const headDim = shape.embd / shape.heads;
  const matrix = (name: string, dims: number[], role: Parameters<typeof matrixType>[1] = 'other', layer = 0): TensorSpec =>
    ({ name, dims, type: matrixType(quant, role, layer, shape.layers), fill: 'random' });
  const kv = headDim * shape.kvHeads;
  const meta: Array<[string, MetaValue]> = [
    ['general.architecture', { str: 'llama' }],
    ['general.name', { str: `enclave-bench ${shape.id}` }],
    ['general.file_type', { u32: fileTypes[quant] }],
    ['llama.block_count', { u32: shape.layers }],
    ['llama.context_length', { u32: shape.context }],
    ['llama.embedding_length', { u32: shape.embd }],
    ['llama.feed_forward_length', { u32: shape.ffn }],
    ['llama.attention.head_count', { u32: shape.heads }],
    ['llama.attention.head_count_kv', { u32: shape.kvHeads }],
    ['llama.attention.layer_norm_rms_epsilon', { f32: 1e-5 }],
    ['llama.rope.freq_base', { f32: 10_000 }],
    ['llama.rope.dimension_count', { u32: headDim }],
    ['llama.vocab_size', { u32: vocab }],
  ];
  // Tied embeddings double as the output matrix, so llama-quantize treats them as output.
  const tensors: TensorSpec[] = [matrix('token_embd.weight', [shape.embd, vocab], shape.untiedOutput ? 'other' : 'output'), norm('output_norm.weight', shape.embd)];
  if (shape.untiedOutput) tensors.push(matrix('output.weight', [shape.embd, vocab], 'output'));
  for (let i = 0; i < shape.layers; i++) {
    tensors.push(
      norm(`blk.${i}.attn_norm.weight`, shape.embd),
      matrix(`blk.${i}.attn_q.weight`, [shape.embd, shape.embd]),
      matrix(`blk.${i}.attn_k.weight`, [shape.embd, kv]),
      matrix(`blk.${i}.attn_v.weight`, [shape.embd, kv], 'attn_v', i),
      matrix(`blk.${i}.attn_output.weight`, [shape.embd, shape.embd]),
      norm(`blk.${i}.ffn_norm.weight`, shape.embd),
      matrix(`blk.${i}.ffn_gate.weight`, [shape.embd, shape.ffn]),
      matrix(`blk.${i}.ffn_down.weight`, [shape.ffn, shape.embd], 'ffn_down', i),
      matrix(`blk.${i}.ffn_up.weight`, [shape.embd, shape.ffn]),
    );
  }
  return { meta, tensors };
}

/** BERT rows are 384 wide: k-quants need 256-wide rows, so bge-small shapes are Q8_0 (as users run them). */
export function bertModel(shape: BertShape, vocab: number, quant: Quant): { meta: Array<[string, MetaValue]>; tensors: TensorSpec[] } {
  if (quant !== 'Q8_0') throw new Error(`the ${shape.id} shape is written as Q8_0 only (384-wide rows do not divide into k-quant blocks)`);
  const matrix = (name: string, dims: number[]): TensorSpec => ({ name, dims, type: TensorType.Q8_0, fill: 'random' });
  const meta: Array<[string, MetaValue]> = [
    ['general.architecture', { str: 'bert' }],
    ['general.name', { str: `enclave-bench ${shape.id}` }],
    ['general.file_type', { u32: fileTypes[quant] }],
    ['bert.block_count', { u32: shape.layers }],
    ['bert.context_length', { u32: shape.context }],
    ['bert.embedding_length', { u32: shape.embd }],
    ['bert.feed_forward_length', { u32: shape.ffn }],
    ['bert.attention.head_count', { u32: shape.heads }],
    ['bert.attention.layer_norm_epsilon', { f32: 1e-12 }],
    ['bert.attention.causal', { bool: false }],
    ['bert.pooling_type', { u32: 2 }], // CLS, as bge does
  ];
  const e = shape.embd;
  const tensors: TensorSpec[] = [
    matrix('token_embd.weight', [e, vocab]),
    // Added to every row as is (no get_rows), so it must be F32 as the converter writes it.
    { name: 'token_types.weight', dims: [e, 2], type: F32, fill: 'random' },
    { name: 'position_embd.weight', dims: [e, shape.context], type: F16, fill: 'random' },
    norm('token_embd_norm.weight', e),
    bias('token_embd_norm.bias', e),
  ];
  for (let i = 0; i < shape.layers; i++) {
    for (const part of ['attn_q', 'attn_k', 'attn_v', 'attn_output']) {
      tensors.push(matrix(`blk.${i}.${part}.weight`, [e, e]), bias(`blk.${i}.${part}.bias`, e));
    }
    tensors.push(
      norm(`blk.${i}.attn_output_norm.weight`, e),
      bias(`blk.${i}.attn_output_norm.bias`, e),
      matrix(`blk.${i}.ffn_up.weight`, [e, shape.ffn]),
      bias(`blk.${i}.ffn_up.bias`, shape.ffn),
      matrix(`blk.${i}.ffn_down.weight`, [shape.ffn, e]),
      bias(`blk.${i}.ffn_down.bias`, e),
      norm(`blk.${i}.layer_output_norm.weight`, e),
      bias(`blk.${i}.layer_output_norm.bias`, e),
    );
  }
  return { meta, tensors };
}

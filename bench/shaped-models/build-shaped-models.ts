// Writes the benchmark's shaped models into .cache/shaped-models (never committed): real vocabularies from
// ../shared/models, seeded random weights written straight in the quantizations users run (Q8_0; Q4_K_M with
// llama-quantize's own per-tensor mix). Idempotent: a model already written is reused.
// Run alone: `node --import tsx bench/shaped-models/build-shaped-models.ts` prints the paths.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyMetadata, writeGguf } from './gguf-write.js';
import { bertModel, llamaModel, shapes, type Quant } from './shapes.js';

export type { Quant } from './shapes.js';
const root = fileURLToPath(new URL('../..', import.meta.url));
const vocabDir = path.resolve(root, '../shared/models');
export const shapedModelsDir = path.join(root, '.cache/shaped-models');
/** Bump when the generator changes what it writes, so stale files are not reused. */
const GENERATOR = 'g2';

export type ShapeName = keyof typeof shapes;

export function shapedModelPath(shape: ShapeName, quant: Quant): string {
  return path.join(shapedModelsDir, `${shapes[shape].id}.${quant}.${GENERATOR}.gguf`);
}

/** Builds (or finds) one shaped model; returns its path. */
export function ensureShapedModel(name: ShapeName, quant: Quant, log: (line: string) => void = () => {}): string {
  const target = shapedModelPath(name, quant);
  if (existsSync(target)) return target;
  mkdirSync(shapedModelsDir, { recursive: true });
  const shape = shapes[name];
  log(`writing ${path.basename(target)} (${shape.description})`);
  const vocabFile = path.join(vocabDir, shape.kind === 'bert' ? 'ggml-vocab-bert-bge.gguf' : 'ggml-vocab-llama-spm.gguf');
  const tokenizer = copyMetadata(vocabFile, (key) => key.startsWith('tokenizer.'));
  const { meta, tensors } = shape.kind === 'bert' ? bertModel(shape, 30_522, quant) : llamaModel(shape, 32_000, quant);
  // Seeded by the shape's id: the same bytes on every machine.
  const seed = [...shape.id].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  writeGguf(`${target}.tmp`, meta, tokenizer, tensors, seed);
  renameSync(`${target}.tmp`, target);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const all: Array<[ShapeName, Quant]> = [['llama05b', 'Q4_K_M'], ['llama05b', 'Q8_0'], ['smol135m', 'Q8_0'], ['bgeSmall', 'Q8_0']];
  for (const [shape, quant] of all) console.log(ensureShapedModel(shape, quant, (line) => console.error(line)));
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** Real models and data live beside the repository and are never copied into it. */
export const sharedDir = path.resolve(repoRoot, '../shared');
export const models = {
  stories: path.join(sharedDir, 'models/stories260K.gguf'),
  tinyLlama: path.join(sharedDir, 'models/tiny-random-llama.gguf'),
  vocabBert: path.join(sharedDir, 'models/ggml-vocab-bert-bge.gguf'),
  vocabLlama: path.join(sharedDir, 'models/ggml-vocab-llama-spm.gguf'),
};

export function tempDir(prefix = 'enclave-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

import { stat } from 'node:fs/promises';
import { GgmlType, GgufFileType, readGgufFileInfo, type GgufTensorInfo } from 'node-llama-cpp';
import { AppError } from '../../electron/core/contract/errors.js';

export interface GgufSummary {
  architecture: string | null;
  parameterCount: number | null;
  quantization: string | null;
  contextLength: number | null;
  embeddingLength: number | null;
  chatTemplate: string | null;
  license: string | null;
  metadataName: string | null;
  vocabOnly: boolean;
  tensorCount: number;
  /** Metadata without the tokenizer's token tables (large, and useless in a UI). */
  metadata: Record<string, unknown>;
}

const GGUF_MAGIC = 0x46554747; // "GGUF" read little-endian

// Bytes per block and elements per block of the ggml types, to prove the tensor data really is in the file.
const typeLayout: Partial<Record<number, [bytes: number, elements: number]>> = {
  [GgmlType.F32]: [4, 1], [GgmlType.F16]: [2, 1], [GgmlType.Q4_0]: [18, 32], [GgmlType.Q4_1]: [20, 32],
  [GgmlType.Q5_0]: [22, 32], [GgmlType.Q5_1]: [24, 32], [GgmlType.Q8_0]: [34, 32], [GgmlType.Q8_1]: [36, 32],
  [GgmlType.Q2_K]: [84, 256], [GgmlType.Q3_K]: [110, 256], [GgmlType.Q4_K]: [144, 256], [GgmlType.Q5_K]: [176, 256],
  [GgmlType.Q6_K]: [210, 256], [GgmlType.Q8_K]: [292, 256], [GgmlType.BF16]: [2, 1],
};

/**
 * Summaries already read, by path. Reading a header parses every metadata value and tensor record (about 5 ms for a
 * 1 MB model, more for real ones), and a model given by path is inspected on every generation that names it: an eval
 * run did it once per case. A file whose size or modification time changed is read again, the same fingerprint
 * the model library trusts between hashes.
 */
const summaries = new Map<string, { size: number; mtimeMs: number; summary: Promise<GgufSummary> }>();
const CACHED_SUMMARIES = 16;

/**
 * Reads and validates a GGUF file's header without loading weights: wrong files fail here, not inside llama.cpp.
 * The summary may be shared between callers: treat it as read-only.
 */
export async function inspectGguf(path: string): Promise<GgufSummary> {
  const { size, mtimeMs } = await fileStats(path);
  const cached = summaries.get(path);
  if (cached && cached.size === size && cached.mtimeMs === mtimeMs) return cached.summary;
  const summary = readSummary(path, size);
  summaries.delete(path);
  summaries.set(path, { size, mtimeMs, summary });
  if (summaries.size > CACHED_SUMMARIES) summaries.delete(summaries.keys().next().value as string);
  // A failure is not remembered: the next call reads the file again (it may have been fixed).
  summary.catch(() => {
    if (summaries.get(path)?.summary === summary) summaries.delete(path);
  });
  return summary;
}

async function readSummary(path: string, size: number): Promise<GgufSummary> {
  await assertMagic(path, size);
  let info;
  try {
    info = await readGgufFileInfo(path, { readTensorInfo: true, logWarnings: false, sourceType: 'filesystem' });
  } catch (error) {
    throw new AppError('MODEL_INVALID', `${baseName(path)} is not a readable GGUF model (${(error as Error).message}); it may be truncated or damaged`);
  }
  const tensors = info.fullTensorInfo ?? info.tensorInfo ?? [];
  assertTensorDataPresent(path, tensors, size);

  const general = info.metadata.general as Record<string, unknown> | undefined;
  const arch = info.architectureMetadata as Record<string, unknown>;
  const tokenizer = info.metadata.tokenizer as Record<string, unknown> | undefined;
  const fileType = typeof general?.file_type === 'number' ? general.file_type : undefined;

  return {
    architecture: asString(general?.architecture),
    parameterCount: tensors.length > 0 ? tensors.reduce((sum, t) => sum + elementCount(t), 0) : null,
    quantization: fileType !== undefined ? (GgufFileType[fileType] ?? `type ${fileType}`) : dominantTensorType(tensors),
    contextLength: asNumber(arch?.context_length),
    embeddingLength: asNumber(arch?.embedding_length),
    chatTemplate: asString(tokenizer?.chat_template),
    license: asString(general?.license),
    metadataName: asString(general?.name),
    vocabOnly: tensors.length === 0,
    tensorCount: tensors.length,
    metadata: withoutTokenTables(info.metadata as Record<string, unknown>),
  };
}

async function fileStats(path: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new AppError('MODEL_INVALID', `${path} is not a file; choose a .gguf model file`);
    return { size: stats.size, mtimeMs: stats.mtimeMs };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('MODEL_NOT_FOUND', `No model file at ${path}; check the path and try again`);
  }
}

async function assertMagic(path: string, size: number): Promise<void> {
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r');
  try {
    const header = Buffer.alloc(8);
    const { bytesRead } = await handle.read(header, 0, 8, 0);
    if (size < 8 || bytesRead < 8 || header.readUInt32LE(0) !== GGUF_MAGIC) {
      throw new AppError('MODEL_INVALID', `${baseName(path)} is not a GGUF model file (it does not start with the GGUF signature); convert the model to GGUF first`);
    }
  } finally {
    await handle.close();
  }
}

function assertTensorDataPresent(path: string, tensors: GgufTensorInfo[], size: number): void {
  for (const tensor of tensors) {
    const layout = typeLayout[tensor.ggmlType];
    const bytes = layout ? Math.ceil(elementCount(tensor) / layout[1]) * layout[0] : 1;
    const end = Number(tensor.fileOffset) + bytes;
    if (end > size) {
      throw new AppError(
        'MODEL_INVALID',
        `${baseName(path)} is truncated: tensor ${tensor.name} ends at byte ${end} but the file has ${size} bytes. Copy the model again.`,
      );
    }
  }
}

function elementCount(tensor: GgufTensorInfo): number {
  return tensor.dimensions.reduce<number>((product, d) => product * Number(d), 1);
}

function dominantTensorType(tensors: GgufTensorInfo[]): string | null {
  const counts = new Map<number, number>();
  for (const t of tensors) counts.set(t.ggmlType, (counts.get(t.ggmlType) ?? 0) + elementCount(t));
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return top ? (GgmlType[top[0]] ?? null) : null;
}

function withoutTokenTables(metadata: Record<string, unknown>): Record<string, unknown> {
  const tokenizer = metadata.tokenizer as Record<string, unknown> | undefined;
  const ggml = tokenizer?.ggml as Record<string, unknown> | undefined;
  if (!ggml) return metadata;
  const { tokens, scores, token_type, merges, ...rest } = ggml;
  const summary = { ...rest, tokenCount: Array.isArray(tokens) ? tokens.length : undefined };
  return JSON.parse(JSON.stringify({ ...metadata, tokenizer: { ...tokenizer, ggml: summary } }, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
}

const asString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

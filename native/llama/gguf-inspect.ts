import { stat } from 'node:fs/promises';
import { NativeError } from '../native-error.js';
import type { GgufHeader } from './gguf-header.validator.js';
import { GgufInspector } from './gguf-inspector.client.js';
import { ggmlTypeLayout } from './ggml-type-layout.js';

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

/** Model files are untrusted input: their headers are validated with bounds in a process that may die. */
const inspector = new GgufInspector();

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
  const summary = readSummary(path);
  summaries.delete(path);
  summaries.set(path, { size, mtimeMs, summary });
  if (summaries.size > CACHED_SUMMARIES) summaries.delete(summaries.keys().next().value as string);
  // A failure is not remembered: the next call reads the file again (it may have been fixed).
  summary.catch(() => {
    if (summaries.get(path)?.summary === summary) summaries.delete(path);
  });
  return summary;
}

async function readSummary(path: string): Promise<GgufSummary> {
  const header = await inspector.inspect(path);
  const metadata = header.metadata;
  const general = field(metadata, 'general');
  const architecture = asString(general?.architecture);
  const arch = architecture ? field(metadata, architecture) : undefined;
  const tokenizer = field(metadata, 'tokenizer');
  const fileType = typeof general?.file_type === 'number' ? general.file_type : undefined;

  return {
    architecture,
    parameterCount: header.tensorCount > 0 ? header.parameterCount : null,
    quantization: fileType !== undefined ? ((await fileTypeNames())[fileType] ?? `type ${fileType}`) : dominantTensorType(header),
    contextLength: asNumber(arch?.context_length),
    embeddingLength: asNumber(arch?.embedding_length),
    chatTemplate: asString(tokenizer?.chat_template),
    license: asString(general?.license),
    metadataName: asString(general?.name),
    vocabOnly: header.tensorCount === 0,
    tensorCount: header.tensorCount,
    metadata,
  };
}

async function fileStats(path: string): Promise<{ size: number; mtimeMs: number }> {
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new NativeError('MODEL_INVALID', `${path} is not a file; choose a .gguf model file`);
    return { size: stats.size, mtimeMs: stats.mtimeMs };
  } catch (error) {
    if (error instanceof NativeError) throw error;
    throw new NativeError('MODEL_NOT_FOUND', `No model file at ${path}; check the path and try again`);
  }
}

function dominantTensorType(header: GgufHeader): string | null {
  const top = Object.entries(header.elementsByType).sort((a, b) => b[1] - a[1])[0];
  return top ? (ggmlTypeLayout.get(Number(top[0]))?.name ?? null) : null;
}

/** A nested metadata object; own properties only, since the keys come from the file. */
function field(object: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

const asString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;

/** llama.cpp's file-type names (from node-llama-cpp), loaded when a model is inspected, not when the core starts. */
async function fileTypeNames(): Promise<Record<number, string | undefined>> {
  return (await import('node-llama-cpp')).GgufFileType as unknown as Record<number, string | undefined>;
}

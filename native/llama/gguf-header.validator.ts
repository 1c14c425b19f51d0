import { closeSync, fstatSync, openSync } from 'node:fs';
import path from 'node:path';
import { NativeError } from '../native-error.js';
import { BoundedFileReader } from './gguf-bounded-reader.js';
import { metadataTree } from './gguf-metadata-tree.js';
import { ggmlTypeLayout } from './ggml-type-layout.js';

/**
 * Limits on what a GGUF header may claim. Each is far above what real models use (a 256k-token vocabulary is a
 * 256k-element array; llama.cpp caps tensor names at 63 bytes and dimensions at 4) and each is also bounded by the
 * bytes left in the file, so no claim can make the reader allocate or loop beyond the file it was given.
 */
export const ggufLimits = {
  keyBytes: 65_535,
  stringBytes: 1 << 20,
  kvCount: 65_536,
  arrayLength: 1 << 24,
  tensorCount: 65_536,
  tensorNameBytes: 63,
  dimensions: 4,
  /** Arrays longer than this (other than the token tables) are described by type and length, not kept. */
  keptArrayLength: 4_096,
  /** Text kept from the metadata (keys and values, token tables excluded). */
  keptTextBytes: 64 << 20,
} as const;

export interface GgufHeader {
  version: 2 | 3;
  /** Nested metadata (`general.architecture` → `{ general: { architecture } }`) without the token tables. */
  metadata: Record<string, unknown>;
  tensorCount: number;
  parameterCount: number;
  /** Elements per ggml type id: the quantization of a file that does not state its own. */
  elementsByType: Record<number, number>;
}

const MAGIC = 0x46554747; // "GGUF" read little-endian
const DEFAULT_ALIGNMENT = 32;
const TOKEN_TABLES = new Set(['tokenizer.ggml.tokens', 'tokenizer.ggml.scores', 'tokenizer.ggml.token_type', 'tokenizer.ggml.merges']);
const STRING = 8;
const ARRAY = 9;
/** Value type id → [name, bytes] (a string's bytes are its length prefix, the least it can take). */
const valueTypes = new Map<number, readonly [string, number]>([
  [0, ['uint8', 1]], [1, ['int8', 1]], [2, ['uint16', 2]], [3, ['int16', 2]], [4, ['uint32', 4]], [5, ['int32', 4]],
  [6, ['float32', 4]], [7, ['bool', 1]], [STRING, ['string', 8]], [10, ['uint64', 8]], [11, ['int64', 8]], [12, ['float64', 8]],
]);
// The smallest key-value pair (1-byte key, uint8 value) and tensor record (1-byte name, 1 dimension).
const MIN_KV_BYTES = 8 + 1 + 4 + 1;
const MIN_TENSOR_BYTES = 8 + 1 + 4 + 8 + 4 + 8;

/**
 * Validates a GGUF file's header with bounds before any native reader sees it, and reads its metadata: magic,
 * version 2 or 3, bounded counts, strings and arrays, known value and tensor types, 1–4 dimensions of at least 1,
 * tensor data laid out as llama.cpp requires (aligned, in order) and inside the file, and nothing after it.
 * Memory stays bounded by the reader's window and the limits above, however large the file.
 */
export function validateGgufFile(filePath: string): GgufHeader {
  const name = path.basename(filePath);
  const fail = (detail: string): never => {
    throw new NativeError('MODEL_INVALID', `${name} is not a valid GGUF file: ${detail}`);
  };
  const fd = openSync(filePath, 'r');
  try {
    const reader = new BoundedFileReader(fd, fstatSync(fd).size, ggufLimits.stringBytes + 4096, fail);
    return readHeader(reader, name, fail);
  } finally {
    closeSync(fd);
  }
}

function readHeader(reader: BoundedFileReader, name: string, fail: (detail: string) => never): GgufHeader {
  if (reader.size < 4 || reader.u32('the signature') !== MAGIC) {
    throw new NativeError('MODEL_INVALID', `${name} is not a GGUF model file (it does not start with the GGUF signature); convert the model to GGUF first`);
  }
  const version = reader.u32('the version');
  if (version !== 2 && version !== 3) fail(`version ${version} is not supported (only GGUF versions 2 and 3 are); convert the model again with a current llama.cpp`);
  const tensorCount = boundedCount(reader, 'tensor count', ggufLimits.tensorCount, MIN_TENSOR_BYTES, fail);
  const kvCount = boundedCount(reader, 'metadata count', ggufLimits.kvCount, MIN_KV_BYTES, fail);

  const values = new Values(reader, fail);
  const entries: Array<[string, unknown]> = [];
  const keys = new Set<string>();
  for (let i = 0; i < kvCount; i++) {
    const at = reader.offset;
    const key = reader.string(ggufLimits.keyBytes, 'the key');
    if (key === '') fail(`the key at offset ${at} is empty`);
    if (keys.has(key)) fail(`the key "${key}" appears twice`);
    keys.add(key);
    values.countText(key.length);
    const value = values.read(key, reader.u32(`the type of "${key}"`));
    if (value !== undefined) entries.push([key, value]);
  }
  const alignment = alignmentOf(entries.find(([key]) => key === 'general.alignment')?.[1], fail);
  const tensors = readTensorRecords(reader, tensorCount, alignment, fail);
  const dataOffset = alignUp(BigInt(reader.offset), alignment);
  assertDataFits(reader.size, dataOffset, alignment, tensors, name, fail);

  const elementsByType: Record<number, number> = {};
  let parameterCount = 0;
  for (const tensor of tensors) {
    elementsByType[tensor.type] = (elementsByType[tensor.type] ?? 0) + Number(tensor.elements);
    parameterCount += Number(tensor.elements);
  }
  const metadata = metadataTree(entries);
  if (values.tokenCount !== undefined) withTokenCount(metadata, values.tokenCount);
  return { version, metadata, tensorCount, parameterCount, elementsByType };
}

function boundedCount(reader: BoundedFileReader, what: string, limit: number, minBytes: number, fail: (detail: string) => never): number {
  const at = reader.offset;
  const count = reader.u64(`the ${what}`);
  if (count > BigInt(limit)) fail(`the ${what} at offset ${at} is ${count} (the limit is ${limit})`);
  if (count * BigInt(minBytes) > BigInt(reader.remaining)) fail(`the ${what} at offset ${at} is ${count}, more than the ${reader.remaining} remaining bytes can hold`);
  return Number(count);
}

/** Reads metadata values, keeping what the library stores and skipping the token tables (they can be huge). */
class Values {
  tokenCount: number | undefined;
  private keptText = 0;

  constructor(private readonly reader: BoundedFileReader, private readonly fail: (detail: string) => never) {}

  countText(bytes: number): void {
    this.keptText += bytes;
    if (this.keptText > ggufLimits.keptTextBytes) this.fail(`its metadata holds more than ${ggufLimits.keptTextBytes} bytes of text outside the token tables`);
  }

  read(key: string, type: number): unknown {
    if (type === ARRAY) return this.array(key);
    if (!valueTypes.has(type)) this.fail(`"${key}" at offset ${this.reader.offset - 4} has value type ${type}, which GGUF does not define`);
    return this.scalar(key, type, true);
  }

  private scalar(key: string, type: number, keep: boolean): unknown {
    const r = this.reader;
    switch (type) {
      case 0: return r.u8(key);
      case 1: return r.i8(key);
      case 2: return r.u16(key);
      case 3: return r.i16(key);
      case 4: return r.u32(key);
      case 5: return r.i32(key);
      case 6: return r.f32(key);
      case 7: return r.u8(key) !== 0;
      case 10: return Number(r.u64(key));
      case 11: return Number(r.i64(key));
      case 12: return r.f64(key);
      default: {
        const text = r.string(ggufLimits.stringBytes, `the string value of "${key}"`, keep);
        if (keep) this.countText(text.length);
        return text;
      }
    }
  }

  private array(key: string): unknown {
    const r = this.reader;
    const at = r.offset;
    const elementType = r.u32(`the element type of "${key}"`);
    const layout = valueTypes.get(elementType);
    if (!layout) return this.fail(`the array "${key}" at offset ${at} has element type ${elementType}, which GGUF arrays cannot hold`);
    const [typeName, elementBytes] = layout;
    const length = r.u64(`the length of "${key}"`);
    if (length > BigInt(ggufLimits.arrayLength)) this.fail(`the array "${key}" at offset ${at} claims ${length} elements (the limit is ${ggufLimits.arrayLength})`);
    if (length * BigInt(elementBytes) > BigInt(r.remaining)) this.fail(`the array "${key}" at offset ${at} claims ${length} elements, more than the ${r.remaining} remaining bytes can hold`);
    const count = Number(length);
    if (key === 'tokenizer.ggml.tokens') this.tokenCount = count;
    const keep = !TOKEN_TABLES.has(key) && count <= ggufLimits.keptArrayLength;
    if (!keep && elementType !== STRING) {
      r.skip(length * BigInt(elementBytes), `the array "${key}"`);
    } else {
      const kept: unknown[] = [];
      for (let i = 0; i < count; i++) {
        const value = this.scalar(key, elementType, keep);
        if (keep) kept.push(value);
      }
      if (keep) return kept;
    }
    return TOKEN_TABLES.has(key) ? undefined : { elementType: typeName, length: count };
  }
}

function alignmentOf(value: unknown, fail: (detail: string) => never): bigint {
  if (value === undefined) return BigInt(DEFAULT_ALIGNMENT);
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || (value & (value - 1)) !== 0 || value > 1 << 30) {
    fail(`general.alignment is ${String(value)}; it must be a power of two`);
  }
  return BigInt(value as number);
}

interface TensorRecord {
  name: string;
  type: number;
  elements: bigint;
  offset: bigint;
  bytes: bigint;
}

function readTensorRecords(reader: BoundedFileReader, count: number, alignment: bigint, fail: (detail: string) => never): TensorRecord[] {
  const tensors: TensorRecord[] = [];
  const names = new Set<string>();
  let expectedOffset = 0n;
  for (let i = 0; i < count; i++) {
    const at = reader.offset;
    const name = reader.string(ggufLimits.tensorNameBytes, `the name of tensor ${i}`);
    if (names.has(name)) fail(`tensor "${name}" appears twice`);
    names.add(name);
    const dimensionCount = reader.u32(`the dimension count of tensor "${name}"`);
    if (dimensionCount < 1 || dimensionCount > ggufLimits.dimensions) fail(`tensor "${name}" at offset ${at} has ${dimensionCount} dimensions (1 to ${ggufLimits.dimensions} are allowed)`);
    const dimensions: bigint[] = [];
    for (let d = 0; d < dimensionCount; d++) {
      const size = reader.u64(`a dimension of tensor "${name}"`);
      if (size < 1n) fail(`tensor "${name}" at offset ${at} has a dimension of 0`);
      dimensions.push(size);
    }
    const type = reader.u32(`the type of tensor "${name}"`);
    const layout = ggmlTypeLayout.get(type);
    if (!layout) return fail(`tensor "${name}" at offset ${at} has type ${type}, which llama.cpp does not know`);
    const { blockElements, blockBytes, name: typeName } = layout;
    if ((dimensions[0] as bigint) % BigInt(blockElements) !== 0n) fail(`tensor "${name}" has a row of ${dimensions[0]} elements, not a multiple of ${typeName}'s block of ${blockElements}`);
    const offset = reader.u64(`the data offset of tensor "${name}"`);
    if (offset % alignment !== 0n) fail(`tensor "${name}" has its data at offset ${offset}, not a multiple of the alignment ${alignment}`);
    // llama.cpp reads tensor data laid end to end in record order; anything else overlaps or hides bytes.
    if (offset !== expectedOffset) fail(`tensor "${name}" has its data at offset ${offset} where ${expectedOffset} was expected (tensors must follow each other)`);
    const elements = dimensions.reduce((product, size) => product * size, 1n);
    const bytes = (elements / BigInt(blockElements)) * BigInt(blockBytes);
    tensors.push({ name, type, elements, offset, bytes });
    expectedOffset = offset + alignUp(bytes, alignment);
  }
  return tensors;
}

function assertDataFits(size: number, dataOffset: bigint, alignment: bigint, tensors: TensorRecord[], name: string, fail: (detail: string) => never): void {
  const fileSize = BigInt(size);
  for (const tensor of tensors) {
    const end = dataOffset + tensor.offset + tensor.bytes;
    if (end > fileSize) {
      throw new NativeError('MODEL_INVALID', `${name} is truncated: tensor ${tensor.name} ends at byte ${end} but the file has ${size} bytes. Copy the model again.`);
    }
  }
  const last = tensors.at(-1);
  // The last tensor's padding may be left off; more than that means the counts do not describe the file.
  const end = last ? dataOffset + last.offset + alignUp(last.bytes, alignment) : dataOffset;
  if (fileSize > end) fail(`${fileSize - end} bytes follow the last tensor's data; the tensor count (${tensors.length}) does not describe the file`);
}

/** The library shows how many tokens the vocabulary has, not the tables themselves. */
function withTokenCount(metadata: Record<string, unknown>, tokenCount: number): void {
  const tokenizer = metadata.tokenizer;
  const ggml = isObject(tokenizer) ? tokenizer.ggml : undefined;
  if (isObject(ggml)) Object.defineProperty(ggml, 'tokenCount', { value: tokenCount, enumerable: true, writable: true, configurable: true });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const alignUp = (value: bigint, alignment: bigint): bigint => ((value + alignment - 1n) / alignment) * alignment;

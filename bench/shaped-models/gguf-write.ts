// A minimal GGUF v3 writer for benchmark models: metadata, the tokenizer copied byte for byte from a real vocabulary
// file, and tensors in the quantizations users run (Q8_0, Q4_K, Q6_K; F16/F32 where llama.cpp keeps them) filled with
// seeded pseudo-random blocks. Speed does not depend on weight values, so each block is random bytes with its scale
// fields set small (activations stay finite) and tensors cycle through one seeded bank of blocks per type: fast to
// write, the same bytes on every machine, no F16 intermediate and no quantizer needed.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

const ALIGNMENT = 32;
enum ValueType { U32 = 4, I32 = 5, F32 = 6, BOOL = 7, STRING = 8, ARRAY = 9, U64 = 10 }
/** ggml type ids. */
export enum TensorType { F32 = 0, F16 = 1, Q8_0 = 8, Q4_K = 12, Q6_K = 14 }

/** Elements per block, bytes per block, and where each block's f16 scale fields sit (with the value to put there). */
const layouts: Record<TensorType, { elements: number; bytes: number; scales: Array<[number, number]> }> = {
  [TensorType.F32]: { elements: 1, bytes: 4, scales: [] },
  [TensorType.F16]: { elements: 1, bytes: 2, scales: [] },
  // block_q8_0: d, qs[32]: w = d·q, q ∈ [-128, 127]
  [TensorType.Q8_0]: { elements: 32, bytes: 34, scales: [[0, 3e-4]] },
  // block_q4_K: d, dmin, scales[12] (6-bit), qs[128]: w = d·sc·q − dmin·m
  [TensorType.Q4_K]: { elements: 256, bytes: 144, scales: [[0, 1e-4], [2, 5e-5]] },
  // block_q6_K: ql[128], qh[64], scales[16] (int8), d: w = d·sc·(q − 32)
  [TensorType.Q6_K]: { elements: 256, bytes: 210, scales: [[208, 2e-5]] },
};
export type MetaValue = { u32: number } | { f32: number } | { bool: boolean } | { str: string };
export interface TensorSpec {
  name: string;
  /** ggml order: the row length first. */
  dims: number[];
  type: TensorType;
  /** 'ones' for norm weights, 'zeros' for biases, 'random' otherwise. */
  fill: 'ones' | 'zeros' | 'random';
}

const str = (text: string): Buffer => {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(bytes.length));
  return Buffer.concat([length, bytes]);
};
const u32 = (n: number): Buffer => ((b) => (b.writeUInt32LE(n), b))(Buffer.alloc(4));
const u64 = (n: number): Buffer => ((b) => (b.writeBigUInt64LE(BigInt(n)), b))(Buffer.alloc(8));

function encodeValue(value: MetaValue): Buffer {
  if ('u32' in value) return Buffer.concat([u32(ValueType.U32), u32(value.u32)]);
  if ('f32' in value) return Buffer.concat([u32(ValueType.F32), ((b) => (b.writeFloatLE(value.f32), b))(Buffer.alloc(4))]);
  if ('bool' in value) return Buffer.concat([u32(ValueType.BOOL), Buffer.from([value.bool ? 1 : 0])]);
  return Buffer.concat([u32(ValueType.STRING), str(value.str)]);
}

/** The raw key-value records of a GGUF file whose key passes `keep` (the tokenizer of a vocabulary file). */
export function copyMetadata(file: string, keep: (key: string) => boolean): Buffer[] {
  const bytes = readFileSync(file);
  if (bytes.toString('latin1', 0, 4) !== 'GGUF') throw new Error(`${file} is not a GGUF file`);
  const fixed: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
  let at = 24;
  const skipString = (): void => void (at += 8 + Number(bytes.readBigUInt64LE(at)));
  const skipValue = (type: number): void => {
    if (type === ValueType.STRING) return skipString();
    if (type === ValueType.ARRAY) {
      const elementType = bytes.readUInt32LE(at);
      const length = Number(bytes.readBigUInt64LE(at + 4));
      at += 12;
      if (elementType in fixed) at += length * (fixed[elementType] as number);
      else for (let i = 0; i < length; i++) skipValue(elementType);
      return;
    }
    at += fixed[type] as number;
  };
  const records: Buffer[] = [];
  const count = Number(bytes.readBigUInt64LE(16));
  for (let i = 0; i < count; i++) {
    const start = at;
    const keyLength = Number(bytes.readBigUInt64LE(at));
    const key = bytes.toString('utf8', at + 8, at + 8 + keyLength);
    skipString();
    const type = bytes.readUInt32LE(at);
    at += 4;
    skipValue(type);
    if (keep(key)) records.push(bytes.subarray(start, at));
  }
  return records;
}

/** Seeded pseudo-random numbers in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f32 = new Float32Array(1);
const f32bits = new Uint32Array(f32.buffer);
/** IEEE half of a small finite float. */
function toHalf(value: number): number {
  f32[0] = value;
  const bits = f32bits[0] as number;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  if (exponent <= 0) return sign;
  if (exponent >= 31) return sign | 0x7bff;
  return sign | (exponent << 10) | ((bits & 0x7fffff) >>> 13);
}

/** One seeded bank of valid blocks per type (about 4 MiB), which tensors cycle through. */
function blockBank(type: TensorType, random: () => number): Buffer {
  const layout = layouts[type];
  const count = Math.ceil((4 << 20) / layout.bytes);
  const bank = Buffer.alloc(count * layout.bytes);
  if (type === TensorType.F32) {
    for (let i = 0; i < count; i++) bank.writeFloatLE((random() - 0.5) * 0.04, i * 4);
    return bank;
  }
  if (type === TensorType.F16) {
    for (let i = 0; i < count; i++) bank.writeUInt16LE(toHalf((random() - 0.5) * 0.04), i * 2);
    return bank;
  }
  for (let i = 0; i + 4 <= bank.length; i += 4) bank.writeUInt32LE((random() * 4294967296) >>> 0, i);
  for (let b = 0; b < count; b++) {
    for (const [offset, scale] of layout.scales) bank.writeUInt16LE(toHalf(scale * (0.5 + random())), b * layout.bytes + offset);
  }
  return bank;
}

export function tensorBytes(tensor: TensorSpec): number {
  const layout = layouts[tensor.type];
  const elements = tensor.dims.reduce((a, b) => a * b, 1);
  if (elements % layout.elements !== 0 || (tensor.dims[0] ?? 0) % layout.elements !== 0) {
    throw new Error(`${tensor.name}: rows of ${tensor.dims[0]} do not divide into ${TensorType[tensor.type]} blocks of ${layout.elements}`);
  }
  return (elements / layout.elements) * layout.bytes;
}

const padTo = (n: number): number => Math.ceil(n / ALIGNMENT) * ALIGNMENT;

/** Writes the file in one pass; random tensors cycle through their type's seeded bank from a seeded block. */
export function writeGguf(file: string, meta: Array<[string, MetaValue]>, copied: Buffer[], tensors: TensorSpec[], seed: number): void {
  const random = seeded(seed);
  const banks = new Map<TensorType, Buffer>();
  const bank = (type: TensorType): Buffer => banks.get(type) ?? ((b) => (banks.set(type, b), b))(blockBank(type, random));
  const header = [Buffer.from('GGUF', 'latin1'), u32(3), u64(tensors.length), u64(meta.length + copied.length)];
  const kvs = [...meta.map(([key, value]) => Buffer.concat([str(key), encodeValue(value)])), ...copied];
  let offset = 0;
  const infos: Buffer[] = [];
  const sizes: number[] = [];
  for (const tensor of tensors) {
    const size = tensorBytes(tensor);
    infos.push(Buffer.concat([str(tensor.name), u32(tensor.dims.length), ...tensor.dims.map(u64), u32(tensor.type), u64(offset)]));
    sizes.push(size);
    offset += padTo(size);
  }
  const fd = openSync(file, 'w');
  try {
    const head = Buffer.concat([...header, ...kvs, ...infos]);
    writeSync(fd, head);
    writeSync(fd, Buffer.alloc(padTo(head.length) - head.length));
    tensors.forEach((tensor, index) => {
      const size = sizes[index] as number;
      if (tensor.fill === 'random') {
        const source = bank(tensor.type);
        const blockBytes = layouts[tensor.type].bytes;
        let from = Math.floor(random() * (source.length / blockBytes)) * blockBytes;
        for (let left = size; left > 0;) {
          const take = Math.min(left, source.length - from);
          writeSync(fd, source, from, take);
          left -= take;
          from = 0;
        }
      } else {
        const block = Buffer.alloc(size);
        if (tensor.fill === 'ones') for (let i = 0; i < size; i += 4) block.writeFloatLE(1, i);
        writeSync(fd, block);
      }
      writeSync(fd, Buffer.alloc(padTo(size) - size));
    });
  } finally {
    closeSync(fd);
  }
}

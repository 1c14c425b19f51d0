import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the fields of a real (trusted) GGUF sit, so tests can forge hostile files by changing one field. Written
 * apart from the validator on purpose: the tests must not trust the code they test.
 */
export interface GgufFieldMap {
  tensorCountAt: number;
  kvCountAt: number;
  /** The u64 length prefix of every key and string value. */
  stringLengths: Array<{ at: number; key: string }>;
  /** Every metadata value's u32 type. */
  valueTypes: Array<{ at: number; key: string }>;
  arrays: Array<{ elementTypeAt: number; lengthAt: number; key: string; length: number }>;
  tensors: Array<{ name: string; dimensionCountAt: number; dimensionAt: number[]; typeAt: number; offsetAt: number; offset: bigint }>;
  /** Where the tensor data section starts (after the records, aligned). */
  dataOffset: number;
}

export function mapGguf(bytes: Buffer): GgufFieldMap {
  let at = 8;
  const u32 = (): number => ((at += 4), bytes.readUInt32LE(at - 4));
  const u64 = (): bigint => ((at += 8), bytes.readBigUInt64LE(at - 8));
  const map: GgufFieldMap = { tensorCountAt: 8, kvCountAt: 16, stringLengths: [], valueTypes: [], arrays: [], tensors: [], dataOffset: 0 };
  const string = (key: string): string => {
    map.stringLengths.push({ at, key });
    const length = Number(u64());
    at += length;
    return bytes.toString('utf8', at - length, at);
  };
  const sizes: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
  const value = (type: number, key: string): void => {
    if (type === 8) string(key);
    else at += sizes[type] as number;
  };
  const tensorCount = Number(bytes.readBigUInt64LE(8));
  const kvCount = Number(bytes.readBigUInt64LE(16));
  at = 24;
  let alignment = 32;
  for (let i = 0; i < kvCount; i++) {
    const key = string('(key)');
    map.valueTypes.push({ at, key });
    const type = u32();
    if (type === 9) {
      const elementTypeAt = at;
      const elementType = u32();
      const lengthAt = at;
      const length = Number(u64());
      map.arrays.push({ elementTypeAt, lengthAt, key, length });
      for (let j = 0; j < length; j++) value(elementType, key);
    } else {
      if (key === 'general.alignment') alignment = bytes.readUInt32LE(at);
      value(type, key);
    }
  }
  for (let i = 0; i < tensorCount; i++) {
    const name = string('(tensor name)');
    const dimensionCountAt = at;
    const dimensions = u32();
    const dimensionAt: number[] = [];
    for (let d = 0; d < dimensions; d++) dimensionAt.push(at), (at += 8);
    const typeAt = at;
    at += 4;
    const offsetAt = at;
    map.tensors.push({ name, dimensionCountAt, dimensionAt, typeAt, offsetAt, offset: u64() });
  }
  map.dataOffset = Math.ceil(at / alignment) * alignment;
  return map;
}

/** The hostile files of the security review, each forged from a real model by changing one thing. */
export function hostileGgufs(real: Buffer): Array<{ name: string; bytes: Buffer; reason: RegExp }> {
  const map = mapGguf(real);
  const edit = (change: (copy: Buffer) => void): Buffer => {
    const copy = Buffer.from(real);
    change(copy);
    return copy;
  };
  const firstValueString = map.stringLengths.find((s) => s.key !== '(key)' && s.key !== '(tensor name)');
  const firstArray = map.arrays[0];
  const firstTensor = map.tensors[0];
  const lastTensor = map.tensors.at(-1);
  if (!firstValueString || !firstArray || !firstTensor || !lastTensor) throw new Error('the base model needs a string, an array and tensors');
  const eightBytes = Buffer.alloc(8);
  eightBytes.write('GGUF', 0, 'latin1');
  eightBytes.writeUInt32LE(3, 4);
  const version = (v: number): Buffer => edit((b) => b.writeUInt32LE(v, 4));
  const tensorCount = (delta: number): Buffer => edit((b) => b.writeBigUInt64LE(BigInt(map.tensors.length + delta), map.tensorCountAt));
  return [
    { name: 'string-2e31', bytes: edit((b) => b.writeBigUInt64LE(2n ** 31n, firstValueString.at)), reason: /claims 2147483648 bytes/ },
    { name: 'array-2e32', bytes: edit((b) => b.writeBigUInt64LE(2n ** 32n, firstArray.lengthAt)), reason: /claims 4294967296 elements/ },
    { name: 'eight-bytes', bytes: eightBytes, reason: /cut off|the tensor count|metadata count/ },
    { name: 'version-0', bytes: version(0), reason: /version 0 is not supported/ },
    { name: 'version-4', bytes: version(4), reason: /version 4 is not supported/ },
    { name: 'version-ffffffff', bytes: version(0xffffffff), reason: /version 4294967295 is not supported/ },
    { name: 'tensor-type-99', bytes: edit((b) => b.writeUInt32LE(99, firstTensor.typeAt)), reason: /has type 99/ },
    { name: 'dimension-0', bytes: edit((b) => b.writeBigUInt64LE(0n, firstTensor.dimensionAt[0] as number)), reason: /dimension of 0/ },
    { name: 'tensor-count-plus-1', bytes: tensorCount(1), reason: /not a valid GGUF file/ },
    { name: 'tensor-count-minus-1', bytes: tensorCount(-1), reason: /the tensor count \(\d+\) does not describe the file/ },
    { name: 'truncated-data', bytes: real.subarray(0, map.dataOffset + Number(lastTensor.offset) + 16), reason: /is truncated: tensor/ },
  ];
}

/** Writes the hostile files into `dir` as `<name>.gguf` and returns their paths with what each must be refused for. */
export function writeHostileGgufs(real: Buffer, dir: string): Array<{ name: string; file: string; reason: RegExp }> {
  return hostileGgufs(real).map(({ name, bytes, reason }) => {
    const file = path.join(dir, `${name}.gguf`);
    writeFileSync(file, bytes);
    return { name, file, reason };
  });
}

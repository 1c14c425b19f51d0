import { describe, expect, test } from 'vitest';
import { BinaryIndex } from '../../electron/core/rag/index/binary-index.js';

const vector = (bits: string): Float32Array => Float32Array.from([...bits].map((b) => (b === '1' ? 1 : -1)));

describe('in-memory binary index', () => {
  test('finds the nearest codes by Hamming distance, only in readable sets', () => {
    const index = new BinaryIndex(8);
    index.add(1, 1, BinaryIndex.encode(vector('11110000')));
    index.add(2, 1, BinaryIndex.encode(vector('11110001')));
    index.add(3, 2, BinaryIndex.encode(vector('11110000')));
    index.add(4, 1, BinaryIndex.encode(vector('00001111')));
    expect(index.search(vector('11110000'), 2, new Set([1]))).toEqual([1, 2]);
    expect(index.search(vector('11110000'), 3, new Set([1, 2])).sort()).toEqual([1, 2, 3]);
    expect(index.search(vector('11110000'), 10, new Set([2]))).toEqual([3]);
    expect(index.search(vector('11110000'), 2, new Set([1]), new Set([2, 4]))).toEqual([2, 4]);
  });

  test('removal keeps the rest searchable, and many codes grow the storage', () => {
    const index = new BinaryIndex(64);
    for (let id = 1; id <= 5000; id++) index.add(id, 1, BinaryIndex.encode(Float32Array.from({ length: 64 }, (_, i) => ((id >> (i % 13)) & 1 ? 1 : -1))));
    index.remove(1);
    index.remove(2500);
    expect(index.count).toBe(4998);
    const target = Float32Array.from({ length: 64 }, (_, i) => ((4242 >> (i % 13)) & 1 ? 1 : -1));
    expect(index.search(target, 1, new Set([1]))).toEqual([4242]);
    expect(index.search(target, 5, new Set([1]))).not.toContain(2500);
  });
});

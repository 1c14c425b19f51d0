/**
 * Binary codes (one bit per dimension: the sign) of an index's vectors, held in memory and scanned with popcount.
 * sqlite-vec's KNN keeps its top k at a cost that grows with k (k = 80: ~8 ms, k = 400: ~40 ms on 100k codes), but
 * exact rescoring wants hundreds of candidates; this scan costs the same for any k (a counting sort over the
 * distances 0..dimensions). Access-list filtering happens inside the scan: only readable sets are ever compared.
 */
export class BinaryIndex {
  private readonly words: number;
  private ids = new Int32Array(1024);
  private sets = new Int32Array(1024);
  private codes: Uint32Array;
  private size = 0;
  private readonly slotOf = new Map<number, number>();

  constructor(readonly dimensions: number) {
    this.words = Math.ceil(dimensions / 32);
    this.codes = new Uint32Array(1024 * this.words);
  }

  get count(): number {
    return this.size;
  }

  static encode(vector: Float32Array): Uint32Array {
    const code = new Uint32Array(Math.ceil(vector.length / 32));
    for (let i = 0; i < vector.length; i++) if ((vector[i] ?? 0) > 0) code[i >>> 5]! |= 1 << (i & 31);
    return code;
  }

  add(chunkId: number, aclSet: number, code: Uint32Array): void {
    if (this.slotOf.has(chunkId)) this.remove(chunkId);
    if (this.size === this.ids.length) this.grow();
    const slot = this.size++;
    this.ids[slot] = chunkId;
    this.sets[slot] = aclSet;
    this.codes.set(code.subarray(0, this.words), slot * this.words);
    this.slotOf.set(chunkId, slot);
  }

  remove(chunkId: number): void {
    const slot = this.slotOf.get(chunkId);
    if (slot === undefined) return;
    const last = --this.size;
    if (slot !== last) {
      const moved = this.ids[last]!;
      this.ids[slot] = moved;
      this.sets[slot] = this.sets[last]!;
      this.codes.copyWithin(slot * this.words, last * this.words, (last + 1) * this.words);
      this.slotOf.set(moved, slot);
    }
    this.slotOf.delete(chunkId);
  }

  /** The `limit` nearest chunk ids by Hamming distance among readable sets (and `within`, when given). */
  search(query: Float32Array, limit: number, readable: ReadonlySet<number>, within?: ReadonlySet<number>): number[] {
    const q = BinaryIndex.encode(query);
    const words = this.words;
    const distance = new Uint16Array(this.size);
    const histogram = new Uint32Array(this.dimensions + 2);
    const skip = this.dimensions + 1;
    for (let slot = 0; slot < this.size; slot++) {
      if (!readable.has(this.sets[slot]!) || (within && !within.has(this.ids[slot]!))) {
        distance[slot] = skip;
        continue;
      }
      let d = 0;
      const base = slot * words;
      for (let w = 0; w < words; w++) d += popcount(this.codes[base + w]! ^ q[w]!);
      distance[slot] = d;
      histogram[d]!++;
    }
    // Counting sort: the distance at which `limit` candidates are reached, then one pass to collect them.
    let threshold = 0;
    let taken = 0;
    while (threshold <= this.dimensions && taken + histogram[threshold]! < limit) taken += histogram[threshold++]!;
    const result: number[] = [];
    let atThreshold = limit - taken;
    for (let slot = 0; slot < this.size && result.length < limit; slot++) {
      const d = distance[slot]!;
      if (d === skip) continue;
      if (d < threshold) result.push(this.ids[slot]!);
      else if (d === threshold && atThreshold > 0) {
        result.push(this.ids[slot]!);
        atThreshold--;
      }
    }
    return result;
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const ids = new Int32Array(capacity);
    ids.set(this.ids);
    const sets = new Int32Array(capacity);
    sets.set(this.sets);
    const codes = new Uint32Array(capacity * this.words);
    codes.set(this.codes);
    this.ids = ids;
    this.sets = sets;
    this.codes = codes;
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

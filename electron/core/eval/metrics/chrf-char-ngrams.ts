// Fast exact character n-gram statistics for chrF. Counting n-grams in Maps keyed by substrings was
// two thirds of chrF's cost, plus garbage. Here each character gets an id 1..256 (at most 256 distinct
// characters per scorer) and each position the number whose base-257 digits are the next maxOrder
// ids, 0 past the end (< 257^6 < 2^53, so exact). One numeric sort of those numbers sorts the n-grams
// of every order at once: the order-n n-gram at a position is the number's first n digits, valid when
// its n-th digit is not 0. Matching a hypothesis against a reference is then a merge of sorted runs,
// which counts Σ min(hyp count, ref count), exactly the Counter-based match of sacreBLEU.
// Text whose characters do not fit the alphabet falls back to the string-keyed path in chrf.metric.ts.

const BASE = 257;
const ALPHABET = BASE - 1;
/** 257^7 would exceed 2^53: beyond order 6 the numbers stop being exact. */
export const MAX_ENCODED_ORDER = 6;

/** Assigns character ids for one scorer; ids never change, so prepared references stay valid. */
export class CharAlphabet {
  private readonly ids = new Map<number, number>();

  /** The ids (0..255) of the text's code points, or undefined once the alphabet is full and a new character appears. */
  encode(text: string): Uint8Array | undefined {
    const out = new Uint8Array(text.length);
    let n = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      let id = this.ids.get(cp);
      if (id === undefined) {
        if (this.ids.size >= ALPHABET) return undefined;
        id = this.ids.size;
        this.ids.set(cp, id);
      }
      out[n++] = id;
    }
    return out.subarray(0, n);
  }
}

/** Every position's padded key, sorted. Digits are id + 1 so that 0 can mean "past the end". */
function sortedKeys(ids: Uint8Array, maxOrder: number): Float64Array {
  const keys = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    let key = 0;
    for (let k = 0; k < maxOrder; k++) key = key * BASE + (i + k < ids.length ? (ids[i + k] as number) + 1 : 0);
    keys[i] = key;
  }
  return keys.sort();
}

/** Per order: the distinct n-grams in ascending order, their counts, and the number of n-grams. */
interface OrderRuns {
  keys: Float64Array;
  counts: Int32Array;
  total: number;
}

/** Walks the sorted keys' order-n prefixes (1-based n) in ascending order, grouped into runs of equal n-grams. */
function runs(sorted: Float64Array, n: number, maxOrder: number, visit: (key: number, count: number) => void): number {
  const divisor = BASE ** (maxOrder - n);
  let total = 0;
  let current = -1;
  let count = 0;
  for (let i = 0; i < sorted.length; i++) {
    // Exact: the quotient's rounding error is far below 1/divisor (see the header for the bound).
    const prefix = Math.floor((sorted[i] as number) / divisor);
    if (prefix % BASE === 0) continue; // the n-gram would run past the end
    total++;
    if (prefix === current) count++;
    else {
      if (count > 0) visit(current, count);
      current = prefix;
      count = 1;
    }
  }
  if (count > 0) visit(current, count);
  return total;
}

/** A reference's character n-grams of orders 1..maxOrder, prepared once and kept. */
export class ReferenceNgrams {
  private readonly orders: OrderRuns[] = [];

  constructor(ids: Uint8Array, readonly maxOrder: number) {
    const sorted = sortedKeys(ids, maxOrder);
    for (let n = 1; n <= maxOrder; n++) {
      const keys: number[] = [];
      const counts: number[] = [];
      const total = runs(sorted, n, maxOrder, (key, count) => {
        keys.push(key);
        counts.push(count);
      });
      this.orders.push({ keys: Float64Array.from(keys), counts: Int32Array.from(counts), total });
    }
  }

  /** Appends [hyp, ref, match] per order of the hypothesis against this reference, as sacreBLEU counts them. */
  pushMatchStats(hypIds: Uint8Array, stats: number[]): void {
    const sorted = sortedKeys(hypIds, this.maxOrder);
    for (let n = 1; n <= this.maxOrder; n++) {
      const ref = this.orders[n - 1] as OrderRuns;
      let j = 0;
      let match = 0;
      const hypTotal = runs(sorted, n, this.maxOrder, (key, count) => {
        while (j < ref.keys.length && (ref.keys[j] as number) < key) j++;
        if (j < ref.keys.length && ref.keys[j] === key) match += Math.min(count, ref.counts[j] as number);
      });
      // No reference n-grams of this order: the hypothesis' n-grams are not counted.
      stats.push(ref.total > 0 ? hypTotal : 0, ref.total, match);
    }
  }
}

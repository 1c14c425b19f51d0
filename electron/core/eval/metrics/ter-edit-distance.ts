// sacreBLEU's BeamEditDistance (lib_ter.py): word-level Levenshtein distance restricted to a beam
// around the length-scaled diagonal, with the edit trace, and a prefix cache. TER calls it for every
// candidate shift of one hypothesis against one reference; all candidates share prefixes, so the
// matrix rows of a shared prefix are reused instead of recomputed. The beam and tie-breaking are
// sacreBLEU's, so TER agrees with it even where the beam cuts the true optimum.

const COST_INS = 1;
const COST_DEL = 1;
const COST_SUB = 1;
const BEAM_WIDTH = 25;
const MAX_CACHE_SIZE = 10000;
const INFINITY = 1e16;

export const OP_INS = 'i';
export const OP_DEL = 'd';
export const OP_NOP = ' ';
export const OP_SUB = 's';
// Rows store operations as character codes: typed arrays, not arrays of strings, keep the garbage down.
const INS = OP_INS.charCodeAt(0);
const DEL = OP_DEL.charCodeAt(0);
const NOP = OP_NOP.charCodeAt(0);
const SUB = OP_SUB.charCodeAt(0);
const UNDEF = 'x'.charCodeAt(0);

/**
 * One matrix row, only where the beam computed it: cells [start, start + width), kept at `base` in arrays that
 * the rows of one computation share. Every other cell is INFINITY / undefined, exactly as in sacreBLEU's full
 * rows, but a row costs ~2 beam widths instead of the reference length, and one computation allocates once:
 * full rows made each shift candidate of a 10,000-word pair allocate ~1 GB (issue 10.10).
 */
interface Row {
  start: number;
  width: number;
  base: number;
  cost: Float64Array;
  op: Uint8Array;
}

function costAt(row: Row, j: number): number {
  const k = j - row.start;
  return k >= 0 && k < row.width ? (row.cost[row.base + k] as number) : INFINITY;
}

function opAt(row: Row, j: number): number {
  const k = j - row.start;
  return k >= 0 && k < row.width ? (row.op[row.base + k] as number) : UNDEF;
}

interface CacheNode {
  children: Map<string, { node: CacheNode; row: Row }>;
}

export class BeamEditDistance {
  private readonly nRef: number;
  private readonly initialRow: Row;
  private readonly cache: CacheNode = { children: new Map() };
  private cacheSize = 0;

  constructor(private readonly wordsRef: readonly string[]) {
    this.nRef = wordsRef.length;
    // The first row inserts the reference words one by one.
    const cost = new Float64Array(this.nRef + 1);
    for (let i = 0; i <= this.nRef; i++) cost[i] = i * COST_INS;
    this.initialRow = { start: 0, width: this.nRef + 1, base: 0, cost, op: new Uint8Array(this.nRef + 1).fill(INS) };
  }

  /** Edit distance from the hypothesis to the reference, and the trace of operations. */
  distance(wordsHyp: readonly string[]): { distance: number; trace: string } {
    return this.compute(wordsHyp, true);
  }

  /** The distance alone: shift candidates need no trace, and building one per candidate is most of their cost. */
  distanceOnly(wordsHyp: readonly string[]): number {
    return this.compute(wordsHyp, false).distance;
  }

  private compute(wordsHyp: readonly string[], withTrace: boolean): { distance: number; trace: string } {
    const { start, rows } = this.findCache(wordsHyp);
    const { distance, newRows, trace } = this.editDistance(wordsHyp, start, rows, withTrace);
    this.addCache(wordsHyp, newRows);
    return { distance, trace };
  }

  private editDistance(wordsH: readonly string[], startH: number, cached: Row[], withTrace: boolean): { distance: number; newRows: Row[]; trace: string } {
    const nH = wordsH.length;
    // findCache built `cached` for this call alone: the new rows are appended to it in place.
    const dist: Row[] = cached;
    const cachedCount = cached.length;

    const lengthRatio = nH > 0 ? this.nRef / nH : 1;
    // In very unequal lengths the beam would not overlap the previous row; widen it.
    const beamWidth = BEAM_WIDTH < lengthRatio / 2 ? Math.ceil(lengthRatio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    const span = (i: number): [number, number] => {
      const pseudoDiag = Math.floor(i * lengthRatio);
      return [Math.max(0, pseudoDiag - beamWidth), i === nH ? this.nRef + 1 : Math.min(this.nRef + 1, pseudoDiag + beamWidth)];
    };
    let cells = 0;
    for (let i = startH + 1; i <= nH; i++) {
      const [minJ, maxJ] = span(i);
      cells += Math.max(0, maxJ - minJ);
    }
    const costs = new Float64Array(cells).fill(INFINITY);
    const ops = new Uint8Array(cells).fill(UNDEF);

    let base = 0;
    for (let i = startH + 1; i <= nH; i++) {
      const [minJ, maxJ] = span(i);
      const prev = dist[i - 1] as Row;
      const width = Math.max(0, maxJ - minJ);
      const row: Row = { start: minJ, width, base, cost: costs, op: ops };
      base += width;
      dist.push(row);
      for (let j = minJ; j < maxJ; j++) {
        const k = row.base + j - minJ;
        if (j === 0) {
          costs[k] = costAt(prev, 0) + COST_DEL;
          ops[k] = DEL;
          continue;
        }
        const same = wordsH[i - 1] === this.wordsRef[j - 1];
        // Tercom prefers nop/sub, then insertion, then deletion; the trace is flipped later, so
        // deletion is tried before insertion here, as sacreBLEU does. Strictly-less keeps the first.
        let cost = INFINITY;
        let op = UNDEF;
        const viaSub = costAt(prev, j - 1) + (same ? 0 : COST_SUB);
        if (cost > viaSub) {
          cost = viaSub;
          op = same ? NOP : SUB;
        }
        const viaDel = costAt(prev, j) + COST_DEL;
        if (cost > viaDel) {
          cost = viaDel;
          op = DEL;
        }
        const viaIns = (j > minJ ? (costs[k - 1] as number) : INFINITY) + COST_INS;
        if (cost > viaIns) {
          cost = viaIns;
          op = INS;
        }
        costs[k] = cost;
        ops[k] = op;
      }
    }

    const distance = costAt(dist[nH] as Row, this.nRef);
    const newRows = dist.slice(cachedCount);
    if (!withTrace) return { distance, newRows, trace: '' };
    const trace: string[] = [];
    let i = nH;
    let j = this.nRef;
    while (i > 0 || j > 0) {
      const op = opAt(dist[i] as Row, j);
      trace.push(String.fromCharCode(op));
      if (op === SUB || op === NOP) {
        i--;
        j--;
      } else if (op === INS) {
        j--;
      } else if (op === DEL) {
        i--;
      } else {
        throw new Error(`TER: unknown edit operation ${JSON.stringify(String.fromCharCode(op))}`);
      }
    }
    return { distance, newRows, trace: trace.reverse().join('') };
  }

  private addCache(wordsHyp: readonly string[], rows: Row[]): void {
    if (this.cacheSize >= MAX_CACHE_SIZE) return;
    let node = this.cache;
    const skip = wordsHyp.length - rows.length;
    for (let i = 0; i < skip; i++) node = (node.children.get(wordsHyp[i] as string) as { node: CacheNode }).node;
    rows.forEach((row, k) => {
      const word = wordsHyp[skip + k] as string;
      let entry = node.children.get(word);
      if (!entry) {
        entry = { node: { children: new Map() }, row };
        node.children.set(word, entry);
        this.cacheSize++;
      }
      node = entry.node;
    });
  }

  private findCache(wordsHyp: readonly string[]): { start: number; rows: Row[] } {
    let node = this.cache;
    const rows: Row[] = [this.initialRow];
    let start = 0;
    for (const word of wordsHyp) {
      const entry = node.children.get(word);
      if (!entry) break;
      start++;
      node = entry.node;
      rows.push(entry.row);
    }
    return { start, rows };
  }
}

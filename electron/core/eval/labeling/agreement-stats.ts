// Agreement between human labelers (issue 14): Cohen's κ for a pair, Fleiss' κ for many, Krippendorff's α (nominal,
// ordinal, interval) for many with missing labels. Pure functions; the test vectors are published worked examples.

export type Label = string | number;

/**
 * Cohen's κ (Cohen 1960) for two raters over the same items: (p_o − p_e) / (1 − p_e), p_e from each rater's own
 * label frequencies. null when undefined (no items, or both used one and the same label: p_e = 1).
 */
export function cohenKappa(a: readonly Label[], b: readonly Label[]): number | null {
  if (a.length !== b.length) throw new Error('Cohen’s κ needs the two raters’ labels for the same items');
  const n = a.length;
  if (n === 0) return null;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    const x = String(a[i]);
    const y = String(b[i]);
    if (x === y) agree++;
    first.set(x, (first.get(x) ?? 0) + 1);
    second.set(y, (second.get(y) ?? 0) + 1);
  }
  let expected = 0;
  for (const [label, count] of first) expected += (count / n) * ((second.get(label) ?? 0) / n);
  return expected === 1 ? null : (agree / n - expected) / (1 - expected);
}

/**
 * Fleiss' κ (Fleiss 1971) from a subjects × categories table of counts. Each subject's agreement is
 * P_i = (Σ_j n_ij² − n_i) / (n_i (n_i − 1)); with the same number of raters everywhere this is Fleiss' formula, and a
 * subject rated by fewer raters still counts with its own n_i (subjects with fewer than two ratings are skipped).
 */
export function fleissKappa(counts: ReadonlyArray<readonly number[]>): number | null {
  const rows = counts.filter((row) => row.reduce((s, v) => s + v, 0) >= 2);
  if (rows.length === 0) return null;
  const categories = rows[0]!.length;
  const totals = new Array<number>(categories).fill(0);
  let ratings = 0;
  let agreement = 0;
  for (const row of rows) {
    const n = row.reduce((s, v) => s + v, 0);
    ratings += n;
    row.forEach((v, j) => (totals[j]! += v));
    agreement += (row.reduce((s, v) => s + v * v, 0) - n) / (n * (n - 1));
  }
  const observed = agreement / rows.length;
  const expected = totals.reduce((s, t) => s + (t / ratings) ** 2, 0);
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

/** Subjects × categories counts from each subject's labels (categories in first-seen order unless given). */
export function countTable(units: ReadonlyArray<ReadonlyArray<Label | null>>, categories?: readonly Label[]): { categories: string[]; counts: number[][] } {
  const names = categories ? categories.map(String) : [...new Set(units.flat().filter((v): v is Label => v !== null).map(String))];
  const index = new Map(names.map((c, i) => [c, i]));
  const counts = units.map((unit) => {
    const row = new Array<number>(names.length).fill(0);
    for (const v of unit) if (v !== null && index.has(String(v))) row[index.get(String(v))!]!++;
    return row;
  });
  return { categories: names, counts };
}

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval';

/**
 * Krippendorff's α (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"): 1 − D_o / D_e from the
 * coincidence matrix of values pairable within units (units with fewer than two values are left out). `units[u]` holds
 * each observer's value for unit u, null where missing. Ordinal values are ranked by `order` (default: numeric or
 * lexicographic sort of the values seen); interval values must be numbers.
 */
export function krippendorffAlpha(units: ReadonlyArray<ReadonlyArray<Label | null>>, level: AlphaLevel = 'nominal', order?: readonly Label[]): number | null {
  const pairable = units.map((u) => u.filter((v): v is Label => v !== null)).filter((u) => u.length >= 2);
  if (pairable.length === 0) return null;
  const values = order ? order.map(String) : sortValues([...new Set(pairable.flat().map(String))]);
  const index = new Map(values.map((v, i) => [v, i]));
  const k = values.length;
  // o[c][k]: coincidences; each ordered pair of values within a unit adds 1 / (m_u − 1).
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const unit of pairable) {
    const m = unit.length;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const c = index.get(String(unit[i]));
        const d = index.get(String(unit[j]));
        if (c === undefined || d === undefined) throw new Error(`The value ${String(unit[c === undefined ? i : j])} is not in the ordinal scale`);
        o[c]![d]! += 1 / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((s, v) => s + v, 0));
  const n = nc.reduce((s, v) => s + v, 0);
  const delta = distance(level, values, nc);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      observed += o[c]![d]! * delta(c, d);
      expected += nc[c]! * nc[d]! * delta(c, d);
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** The squared difference function δ² of each level of measurement (Krippendorff 2011, section C). */
function distance(level: AlphaLevel, values: string[], nc: number[]): (c: number, d: number) => number {
  if (level === 'nominal') return (c, d) => (c === d ? 0 : 1);
  if (level === 'interval') {
    const numbers = values.map(Number);
    if (numbers.some(Number.isNaN)) throw new Error('Interval α needs numeric labels');
    return (c, d) => (numbers[c]! - numbers[d]!) ** 2;
  }
  // Ordinal: (Σ_{g=c..d} n_g − (n_c + n_d) / 2)², over the values in rank order.
  return (c, d) => {
    const [lo, hi] = c <= d ? [c, d] : [d, c];
    let sum = 0;
    for (let g = lo; g <= hi; g++) sum += nc[g]!;
    return (sum - (nc[lo]! + nc[hi]!) / 2) ** 2;
  };
}

function sortValues(values: string[]): string[] {
  const numeric = values.every((v) => v.trim() !== '' && !Number.isNaN(Number(v)));
  return numeric ? values.sort((a, b) => Number(a) - Number(b)) : values.sort();
}
